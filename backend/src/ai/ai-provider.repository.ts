import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AiProviderRecord, PROVIDER_ROW_ID } from './ai-provider.entity.js';

export type AiProviderFields = Omit<AiProviderRecord, 'id' | 'updatedAt'>;

/** The install's one provider row in the metadata database. */
@Injectable()
export class AiProviderRepository {
  constructor(@InjectRepository(AiProviderRecord) private readonly rows: Repository<AiProviderRecord>) {}

  async find(): Promise<AiProviderRecord | undefined> {
    return (await this.rows.findOneBy({ id: PROVIDER_ROW_ID })) ?? undefined;
  }

  async save(fields: AiProviderFields): Promise<void> {
    await this.rows.save(this.rows.create({ id: PROVIDER_ROW_ID, ...fields }));
  }

  async delete(): Promise<void> {
    await this.rows.delete({ id: PROVIDER_ROW_ID });
  }
}
