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
import { ApiProblems } from '#src/common/api-problems.js';
import { AccountLinksService } from './account-links.service.js';
import { AuthService } from './auth.service.js';
import {
  PasswordResetAcceptedDto,
  PasswordResetRequestDto,
  SET_PASSWORD_PROBLEMS,
  SetPasswordDto,
} from './dto/account-link.dto.js';
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
    private readonly accountLinks: AccountLinksService,
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

  /**
   * « Mot de passe oublié ? »: always the same answer, whether an account has this e-mail or not.
   * When an active account has it, an e-mail with a single-use link (valid
   * PASSWORD_RESET_TTL_MINUTES, one hour by default) is sent to it, at most one a minute; without
   * a mail server (SMTP_URL) nothing is sent and the API logs it. Throttled per IP.
   */
  @Post('password-reset')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.ACCEPTED)
  async requestPasswordReset(
    @Body() body: PasswordResetRequestDto,
  ): Promise<PasswordResetAcceptedDto> {
    await this.accountLinks.requestPasswordReset(body.email);
    return {
      message:
        'Si un compte actif utilise cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe.',
    };
  }

  /**
   * Sets one's password with the token of an invitation or password-reset link. The link works
   * once; the user's other links stop working and all their sessions are closed. Then sign in with
   * the new password. Throttled per IP.
   */
  @Post('password')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiProblems('/api/v1/auth/password', SET_PASSWORD_PROBLEMS)
  async setPassword(@Body() body: SetPasswordDto): Promise<void> {
    await this.accountLinks.setPassword(body.token, body.password);
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
