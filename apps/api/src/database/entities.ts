import { ApiClient } from '#src/auth/api-client.entity.js';
import { Organisation } from '#src/auth/organisation.entity.js';
import { RefreshToken } from '#src/auth/refresh-token.entity.js';
import { User } from '#src/auth/user.entity.js';
import { AuditEvent } from '#src/audit/audit-event.entity.js';

/** Every entity, listed (not globbed) so the same list works compiled, in Jest and in the CLI. */
export const ENTITIES = [Organisation, User, RefreshToken, ApiClient, AuditEvent];
