import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../role.js';
import type { UserResponse, UserWithPassword } from '../users.service.js';

/** A user as the API answers it (never the password hash), for the OpenAPI description. */
export class UserResponseDto implements UserResponse {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ example: 'ann@shop.example' })
  email!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ description: 'A one-time password must be replaced before anything else' })
  mustChangePassword!: boolean;

  @ApiProperty({ description: 'Whether sign-in also asks for a TOTP code' })
  totpEnabled!: boolean;

  @ApiProperty({
    type: [Number],
    description: 'The sites granted (owners see every site and have none listed)',
  })
  siteIds!: number[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** A new account or a reset: the one-time password, shown in this answer only. */
export class UserWithPasswordDto implements UserWithPassword {
  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;

  @ApiProperty()
  oneTimePassword!: string;
}
