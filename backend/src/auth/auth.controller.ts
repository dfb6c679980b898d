import { Body, Controller, Get, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import { UsersService, type UserResponse } from '../users/users.service.js';
import { Role } from '../users/role.js';
import { TwoFactor, type TotpSetup } from '../users/two-factor.js';
import { CurrentUser, Public, Requires, SignedIn } from './access.decorator.js';
import { AuthService, type Session, type SignedIn as SignedInBody } from './auth.service.js';
import { ChangePasswordDto, LoginDto, TotpCodeDto, TotpSetupDto } from './dto/auth.dto.js';
import { Cookies, SESSION, SIGN_IN, type CookieRequest, type CookieResponse } from './cookies.js';
import { SingleSignOn } from './single-sign-on.js';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserResponseDto } from '../users/dto/user-response.dto.js';

type HttpRequest = CookieRequest & { ip?: string; originalUrl: string };

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: Cookies,
    private readonly users: UsersService,
    private readonly twoFactor: TwoFactor,
    private readonly sso: SingleSignOn,
  ) {}

  private readonly logger = new Logger('SingleSignOn');

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() { email, password, code }: LoginDto,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<SignedInBody> {
    return this.answer(response, await this.auth.login(email, password, request.ip ?? '', code));
  }

  /** A new access token for the session cookie, which rotates. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<SignedInBody> {
    this.cookies.assertSameOrigin(request);
    const token = this.cookies.read(request, SESSION);
    try {
      if (token === undefined) throw new DomainError(ErrorCode.Unauthenticated, 'no session: sign in');
      return this.answer(response, await this.auth.refresh(token));
    } catch (error) {
      // A session that is gone: the panel's hint goes too, so its next load shows the sign-in form at once.
      if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated)
        this.cookies.clearSession(response);
      throw error;
    }
  }

  /** What the sign-in form offers besides the password. */
  @Public()
  @Get('providers')
  providers(): { oidc: { name: string } | null } {
    return { oidc: this.sso.name ? { name: this.sso.name } : null };
  }

  /** Single sign-on: off to the OpenID Connect provider, the sign-in's cookie set in this browser. */
  @Public()
  @Get('oidc')
  async startSingleSignOn(@Res() response: CookieResponse): Promise<void> {
    const { url, cookie } = await this.sso.start();
    this.cookies.set(response, SIGN_IN, cookie);
    response.redirect(302, url);
  }

  /**
   * The provider sends the browser back here: a session starts and the browser goes on to the panel,
   * or goes there with `sso_error`, which the sign-in form shows. The sign-in's cookie is used up either way.
   */
  @Public()
  @Get('oidc/callback')
  async finishSingleSignOn(@Req() request: HttpRequest, @Res() response: CookieResponse): Promise<void> {
    const panel = this.cookies.panelOrigin;
    const started = this.cookies.read(request, SIGN_IN);
    this.cookies.clear(response, SIGN_IN);
    try {
      const user = await this.sso.finish(new URL(request.originalUrl, panel).searchParams, started);
      this.cookies.setSession(response, (await this.auth.start(user)).refreshToken!);
      response.redirect(302, `${panel}/`);
    } catch (error) {
      const message =
        error instanceof DomainError ? error.message : 'single sign-on failed: see the backend’s log';
      if (!(error instanceof DomainError))
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      response.redirect(302, `${panel}/?sso_error=${encodeURIComponent(message)}`);
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<void> {
    this.cookies.assertSameOrigin(request);
    const token = this.cookies.read(request, SESSION);
    if (token !== undefined) await this.auth.logout(token);
    this.cookies.clearSession(response);
  }

  @SignedIn()
  @Get('me')
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentUser() user: User): Promise<UserResponse> {
    return this.users.toResponse(user);
  }

  /**
   * Starts two-factor set-up, with the current password: a new secret for the authenticator app (off
   * until a first code enables it).
   */
  @Requires(Role.Viewer)
  @Post('totp')
  @HttpCode(200)
  setUpTotp(
    @CurrentUser() user: User,
    @Body() { password }: TotpSetupDto,
    @Req() request: HttpRequest,
  ): Promise<TotpSetup> {
    return this.auth.setUpTotp(user, password, request.ip ?? '');
  }

  @Requires(Role.Viewer)
  @Post('totp/enable')
  @HttpCode(204)
  enableTotp(@CurrentUser() user: User, @Body() { code }: TotpCodeDto): Promise<void> {
    return this.twoFactor.enable(user, code);
  }

  @Requires(Role.Viewer)
  @Post('totp/disable')
  @HttpCode(204)
  disableTotp(@CurrentUser() user: User, @Body() { code }: TotpCodeDto): Promise<void> {
    return this.twoFactor.disable(user, code);
  }

  @SignedIn()
  @Post('password')
  @HttpCode(200)
  async changePassword(
    @CurrentUser() user: User,
    @Body() { currentPassword, newPassword }: ChangePasswordDto,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: CookieResponse,
  ): Promise<SignedInBody> {
    return this.answer(
      response,
      await this.auth.changePassword(user, currentPassword, newPassword, request.ip ?? ''),
    );
  }

  private answer(response: CookieResponse, session: Session): SignedInBody {
    if (session.refreshToken !== undefined) this.cookies.setSession(response, session.refreshToken);
    return session.signedIn;
  }
}
