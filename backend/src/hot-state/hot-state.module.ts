import { Module } from '@nestjs/common';
import { HotState } from './hot-state.js';

@Module({ providers: [HotState], exports: [HotState] })
export class HotStateModule {}
