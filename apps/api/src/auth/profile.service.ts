import { Injectable } from '@nestjs/common';
import type { Principal } from '#src/access/principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import type { MeResponseDto } from './dto/me-response.dto.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class ProfileService {
  constructor(private readonly users: UsersRepository) {}

  async me(principal: Principal): Promise<MeResponseDto> {
    const user = principal.type === 'user' ? await this.users.findById(principal.id) : null;
    if (!user?.organisation) {
      throw new CommonException(CommonExceptionCode.FORBIDDEN, 'Only people have a profile.');
    }
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organisationId: user.organisationId,
      organisationName: user.organisation.name,
      organisationKind: user.organisation.kind,
    };
  }
}
