import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { ClientCredentialsService } from './client-credentials.service.js';
import { ClientTokenDto } from './dto/client-token.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { MeResponseDto } from './dto/me-response.dto.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { ClientTokenResponseDto, TokenResponseDto } from './dto/token-response.dto.js';
import type { Principal } from './principal.js';
import { ProfileService } from './profile.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    private readonly clientCredentials: ClientCredentialsService,
    private readonly profiles: ProfileService,
  ) {}

  /** Signs a person in. Throttled per IP. Wrong e-mail and wrong password answer alike. */
  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginDto): Promise<TokenResponseDto> {
    return this.authService.login(body);
  }

  /**
   * Exchanges a refresh token for a new access and refresh token. Each refresh token works once;
   * presenting it again closes the whole session (REFRESH_TOKEN_REUSED).
   */
  @Post('refresh')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  refresh(@Body() body: RefreshDto): Promise<TokenResponseDto> {
    return this.authService.refresh(body.refreshToken);
  }

  /** Closes the session of this refresh token. */
  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.authService.logout(body.refreshToken);
  }

  /** Client credentials for API clients: an access token with the requested scopes. */
  @Post('token')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  token(@Body() body: ClientTokenDto): Promise<ClientTokenResponseDto> {
    return this.clientCredentials.token(body);
  }

  /** The signed-in person, with role and organisation (API clients are refused). */
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponseDto> {
    return this.profiles.me(principal);
  }
}
