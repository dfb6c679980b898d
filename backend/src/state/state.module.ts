import { Global, Module } from '@nestjs/common';
import { StateStore } from './state-store.js';
import { StateSweep } from './state-sweep.js';

@Global()
@Module({ providers: [StateStore, StateSweep], exports: [StateStore] })
export class StateModule {}
