import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { declaredQueueNames } from '#src/queues/queues.js';
import { QueueBoardController } from './queue-board.controller.js';
import { QUEUE_BOARD_PATH, QUEUE_BOARD_ROUTE, QueueBoardSessions } from './queue-board-sessions.js';

const BOARD = Symbol('QUEUE_BOARD');

/**
 * Bull Board at /api/v1/admin/queues with every declared queue, behind QueueBoardSessions
 * (administrators only, through a single-use ticket; never public). Read-only: nothing there may
 * add, edit, retry or delete a job unseen by the audit log; a failed batch job is queued again
 * by the application (the monthly job, or asking again for the batch's export). Mounted with
 * @bull-board/express directly: @bull-board/nestjs is CommonJS requiring Nest 12's ES modules in
 * a cycle, which Node refuses under Jest.
 */
@Module({
  providers: [
    QueueBoardSessions,
    {
      provide: BOARD,
      inject: declaredQueueNames().map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]): ExpressAdapter => {
        const adapter = new ExpressAdapter();
        adapter.setBasePath(QUEUE_BOARD_PATH);
        createBullBoard({
          queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
          serverAdapter: adapter,
          options: { uiConfig: { boardTitle: 'Carnet — files d’attente' } },
        });
        return adapter;
      },
    },
  ],
  controllers: [QueueBoardController],
})
export class QueueBoardModule implements NestModule {
  constructor(
    private readonly sessions: QueueBoardSessions,
    @Inject(BOARD) private readonly board: ExpressAdapter,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const router = this.board.getRouter() as RequestHandler;
    consumer.apply(this.sessions.middleware(), router).forRoutes(QUEUE_BOARD_ROUTE);
  }
}
