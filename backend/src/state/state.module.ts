import { Global, Module } from '@nestjs/common';
import { StateStore } from './state-store.js';

@Global()
@Module({ providers: [StateStore], exports: [StateStore] })
export class StateModule {}
