import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalid } from '../common/domain-error.js';

/** `:siteId` as a positive integer, or a 400 naming it. */
@Injectable()
export class SiteIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = Number(value);
    if (!/^\d{1,10}$/.test(value) || id < 1 || id > 0xffffffff)
      throw invalid('siteId', 'must be a positive integer');
    return id;
  }
}
