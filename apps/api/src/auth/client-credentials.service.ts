import { Injectable } from '@nestjs/common';
import type { ApiClientScope } from '@carnet/domain';
import { AccessTokenSigner } from './access-token.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import type { ClientTokenDto } from './dto/client-token.dto.js';
import type { ClientTokenResponseDto } from './dto/token-response.dto.js';
import { PasswordHasher } from './password-hasher.js';

/** OAuth 2 client credentials for third-party frontends: no refresh token, ask again when expired. */
@Injectable()
export class ClientCredentialsService {
  constructor(
    private readonly signer: AccessTokenSigner,
    private readonly passwords: PasswordHasher,
    private readonly clients: ApiClientsRepository,
  ) {}

  async token(request: ClientTokenDto): Promise<ClientTokenResponseDto> {
    const client = await this.clients.findByClientId(request.clientId);
    const valid = client
      ? await this.passwords.verify(client.secretHash, request.clientSecret)
      : await this.passwords.verifyDecoy(request.clientSecret);
    if (!client || !valid || client.revokedAt !== null) {
      throw new AuthException(
        AuthExceptionCode.INVALID_CLIENT_CREDENTIALS,
        'Unknown client, wrong secret or revoked client.',
      );
    }
    const scopes: ApiClientScope[] = request.scopes ?? client.scopes;
    const missing = scopes.filter((s) => !client.scopes.includes(s));
    if (missing.length > 0) {
      throw new AuthException(
        AuthExceptionCode.SCOPE_NOT_GRANTED,
        `This client was not granted: ${missing.join(', ')}.`,
      );
    }
    return {
      accessToken: await this.signer.forClient(client, scopes),
      tokenType: 'Bearer',
      expiresIn: this.signer.ttl,
      scopes,
    };
  }
}
