import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { Annotation } from './annotation.entity.js';
import { AnnotationsController } from './annotations.controller.js';
import { AnnotationsRepository } from './annotations.repository.js';
import { AnnotationsService } from './annotations.service.js';

/** Annotations per site: notes on days of its charts, managed through the API. */
@Module({
  imports: [TypeOrmModule.forFeature([Annotation]), AuditModule],
  controllers: [AnnotationsController],
  providers: [AnnotationsRepository, AnnotationsService],
  exports: [AnnotationsService],
})
export class AnnotationsModule {}
