import { describe, expect, it } from 'vitest';
import { labelledMessage } from '../src/shared/error-message';

describe('labelledMessage', () => {
  const labels = { currentPassword: 'One-time password', newPassword: 'New password' };

  it('names the field as the form labels it', () => {
    expect(labelledMessage('currentPassword is not your current password', labels)).toBe(
      'One-time password is not your current password',
    );
  });

  it('labels every reason of a joined message, and only a reason’s first word', () => {
    expect(
      labelledMessage('newPassword must be at least 12 characters; currentPassword must be a string', labels),
    ).toBe('New password must be at least 12 characters; One-time password must be a string');
    expect(labelledMessage('the newPassword is weak', labels)).toBe('the newPassword is weak');
  });

  it('leaves a field the form does not label, and names no inherited property', () => {
    expect(labelledMessage('email must be an email address', labels)).toBe('email must be an email address');
    expect(labelledMessage('constructor is odd', labels)).toBe('constructor is odd');
  });
});
