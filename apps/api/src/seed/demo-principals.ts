import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { User } from '#src/auth/user.entity.js';

/** A demo account of the programme owner (finance@, finance2@…), as the services see it. */
export async function ownerPrincipal(
  app: INestApplicationContext,
  email: string,
): Promise<Principal> {
  const user = await app.get(DataSource).manager.getRepository(User).findOneByOrFail({ email });
  return {
    type: 'user',
    id: user.id,
    email,
    role: user.role,
    organisationId: user.organisationId,
    organisationKind: 'OWNER',
  };
}
