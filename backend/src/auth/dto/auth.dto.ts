import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../config/app-config.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Longer inputs are refused before hashing: argon2 of a megabyte is a cheap denial of service. */
const MAX_PASSWORD_LENGTH = 1024;

/** A password as typed: checked in this order, the type before the length. */
const IsPassword = () =>
  applyDecorators(
    IsString({ message: '$property must be a string' }),
    MaxLength(MAX_PASSWORD_LENGTH, {
      message: `$property must be at most ${MAX_PASSWORD_LENGTH} characters`,
    }),
  );

/** A code of the authenticator app. */
const IsTotpCode = () =>
  Matches(/^\d{6}$/, { message: '$property must be the 6 digits your authenticator app shows' });

export class LoginDto {
  @ApiProperty({ example: 'owner@sluice.local' })
  @IsEmail({}, { message: '$property must be an email address' })
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsPassword()
  password!: string;

  @ApiPropertyOptional({
    example: '123456',
    description: 'With two-factor sign-in on: the app’s current code',
  })
  @IsOptional()
  @IsTotpCode()
  code?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456', pattern: '^\\d{6}$' })
  @IsTotpCode()
  code!: string;
}

export class TotpSetupDto {
  @ApiProperty({
    format: 'password',
    description: 'The current password: a stolen access token alone must not tie the account to another app',
  })
  @IsPassword()
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', description: 'The password (or one-time password) signed in with' })
  @IsPassword()
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `$property must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @IsPassword()
  newPassword!: string;
}
