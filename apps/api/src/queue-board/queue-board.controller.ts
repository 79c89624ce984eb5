import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { QUEUE_BOARD_PATH, QueueBoardSessions } from './queue-board-sessions.js';

export class QueueBoardTicketDto {
  /** The board's address with a single-use ticket: open it in the browser within a minute. */
  @ApiProperty({ example: '/api/v1/admin/queues/?ticket=0b6f…' })
  url!: string;

  @ApiProperty({ example: 60 })
  expiresIn!: number;
}

/** Bull Board (the BullMQ queues: jobs waiting, running, failed; retry) for administrators. */
@ApiTags('queues')
@ApiBearerAuth()
@Controller('queue-board')
export class QueueBoardController {
  constructor(private readonly sessions: QueueBoardSessions) {}

  /**
   * A single-use link to Bull Board, valid 60 seconds: opening it gives the browser a 30-minute
   * session on the board, in a cookie scoped to its path. ADMIN only.
   */
  @Post('tickets')
  @HttpCode(201)
  @Roles('ADMIN')
  @ApiCreatedResponse({ type: QueueBoardTicketDto })
  ticket(@CurrentPrincipal() principal: Principal): Promise<QueueBoardTicketDto> {
    return this.sessions.issueTicket(principal.id, QUEUE_BOARD_PATH);
  }
}
