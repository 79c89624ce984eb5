import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#src/access/auth.decorators.js';
import { PRODUCT_NAME } from './account-link-mail.js';
import { SignInInfoDto } from './dto/account-link.dto.js';
import { OrganisationsService } from './organisations.service.js';

/** What the sign-in page shows before anyone signs in: the product and the programme owner. */
@ApiTags('auth')
@Public()
@Controller('public/sign-in')
export class SignInInfoController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** The product's name and the programme owner's, e.g. « Pass numérique — Agglomération de Lens-Liévin ». */
  @Get()
  async get(): Promise<SignInInfoDto> {
    return { productName: PRODUCT_NAME, ownerName: await this.organisations.ownerName() };
  }
}
