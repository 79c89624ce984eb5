import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** @example "manager@demo.carnet.fr" */
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** @example "demo-carnet" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
