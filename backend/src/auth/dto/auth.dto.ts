import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../config/app-config.js';

/** Longer inputs are refused before hashing: argon2 of a megabyte is a cheap denial of service. */
const MAX_PASSWORD_LENGTH = 1024;

export class LoginDto {
  @IsEmail({}, { message: '$property must be an email address' })
  email!: string;

  // Checked bottom-up: the type before the length.
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `$property must be at most ${MAX_PASSWORD_LENGTH} characters` })
  @IsString({ message: '$property must be a string' })
  password!: string;
}

export class ChangePasswordDto {
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `$property must be at most ${MAX_PASSWORD_LENGTH} characters` })
  @IsString({ message: '$property must be a string' })
  currentPassword!: string;

  @MaxLength(MAX_PASSWORD_LENGTH, { message: `$property must be at most ${MAX_PASSWORD_LENGTH} characters` })
  @MinLength(MIN_PASSWORD_LENGTH, { message: `$property must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @IsString({ message: '$property must be a string' })
  newPassword!: string;
}
