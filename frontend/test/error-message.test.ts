import assert from 'node:assert/strict';
import { test } from 'vitest';
import { labelledMessage } from '../src/shared/error-message.js';

const labels = { currentPassword: 'One-time password', newPassword: 'New password' };

test('an API error names the field as the form labels it', () => {
  assert.equal(
    labelledMessage('currentPassword is not your current password', labels),
    'One-time password is not your current password',
  );
});

test('every reason of a joined message is labelled, and only at its start', () => {
  assert.equal(
    labelledMessage('newPassword must be at least 12 characters; currentPassword must be a string', labels),
    'New password must be at least 12 characters; One-time password must be a string',
  );
  assert.equal(labelledMessage('the newPassword is weak', labels), 'the newPassword is weak');
});

test('a field the form does not label stays as the API names it, an inherited property among them', () => {
  assert.equal(labelledMessage('email must be an email address', labels), 'email must be an email address');
  assert.equal(labelledMessage('constructor is odd', labels), 'constructor is odd');
});
