import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  CurrentClient,
  CurrentPrincipal,
  Public,
  type RequestClient,
} from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { AuthService } from './auth.service.js';
import { ClientCredentialsService } from './client-credentials.service.js';
import { ClientTokenDto } from './dto/client-token.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { MeResponseDto } from './dto/me-response.dto.js';
import { RefreshDto } from './dto/refresh.dto.js';
import { ClientTokenResponseDto, TokenResponseDto } from './dto/token-response.dto.js';
import { ProfileService } from './profile.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authService: AuthService,
    private readonly clientCredentials: ClientCredentialsService,
    private readonly profiles: ProfileService,
  ) {}

  /**
   * Signs a person in. Wrong e-mail and wrong password answer alike. Throttled per IP (generously:
   * a town hall's agents share one address) and per account: after LOGIN_FREE_ATTEMPTS attempts
   * on one e-mail from one address, each further one must wait 2 s, 4 s, 8 s… up to 15 min, and
   * an account gets at most LOGIN_ACCOUNT_HOURLY_LIMIT attempts an hour from addresses it has not
   * signed in from lately (429 TOO_MANY_LOGIN_ATTEMPTS with Retry-After).
   * 503 AUTH_BUSY (Retry-After) when too many passwords are being checked at once.
   */
  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginDto, @CurrentClient() client: RequestClient): Promise<TokenResponseDto> {
    return this.authService.login(body, client);
  }

  /**
   * Exchanges a refresh token for a new access and refresh token. Each refresh token works once;
   * presenting it again closes the whole session (REFRESH_TOKEN_REUSED), except from the same
   * client (IP and User-Agent) within REFRESH_REUSE_GRACE_SECONDS while the new token is unused:
   * a double submit gets the same new pair again.
   */
  @Post('refresh')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  refresh(
    @Body() body: RefreshDto,
    @CurrentClient() client: RequestClient,
  ): Promise<TokenResponseDto> {
    return this.authService.refresh(body.refreshToken, client);
  }

  /**
   * Closes the session of this refresh token: its refresh tokens and access tokens stop working
   * at once. Throttled per IP.
   */
  @Post('logout')
  @Public()
  @UseGuards(ThrottlerGuard)
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
