import { Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { VenueListResponseDto, VenueResponseDto } from './dto/venue.dto.js';
import { VenueNetworksService } from './venue-networks.service.js';

/**
 * Networks of venues: an organisation of kind VENUE_NETWORK groups venues, and its API clients
 * (scope `redemptions:write`, `cheques:check`) check and redeem cheques for any of them, naming
 * the venue in each request.
 */
@ApiTags('venues')
@ApiBearerAuth()
@Roles('PROGRAMME_MANAGER')
@Controller('venue-networks/:networkId/venues')
export class VenueNetworksController {
  constructor(private readonly networks: VenueNetworksService) {}

  /** The network's venues, by name. 404 VENUE_NETWORK_NOT_FOUND for another organisation. */
  @Get()
  async list(@Param('networkId', ParseUuid) networkId: string): Promise<VenueListResponseDto> {
    const venues = await this.networks.members(networkId);
    return {
      data: venues.map((v) => VenueResponseDto.from(v)),
      meta: { page: 1, pageSize: venues.length, total: venues.length },
    };
  }

  /** Adds a venue to the network (nothing happens when it is a member already); audited. */
  @Put(':venueId')
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param('networkId', ParseUuid) networkId: string,
    @Param('venueId', ParseUuid) venueId: string,
  ): Promise<VenueListResponseDto> {
    const venues = await this.networks.add(principal, networkId, venueId);
    return {
      data: venues.map((v) => VenueResponseDto.from(v)),
      meta: { page: 1, pageSize: venues.length, total: venues.length },
    };
  }

  /** Removes a venue from the network; its clients stop acting for it at their next request. */
  @Delete(':venueId')
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('networkId', ParseUuid) networkId: string,
    @Param('venueId', ParseUuid) venueId: string,
  ): Promise<VenueListResponseDto> {
    const venues = await this.networks.remove(principal, networkId, venueId);
    return {
      data: venues.map((v) => VenueResponseDto.from(v)),
      meta: { page: 1, pageSize: venues.length, total: venues.length },
    };
  }
}
