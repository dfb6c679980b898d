import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SitesService } from '../sites/sites.service.js';
import type { AlertChannel, AlertFiring, AlertRule } from './alert.entities.js';
import type { Notice } from './alert-message.js';
import { AlertsRepository } from './alerts.repository.js';

/** A firing made into what its channels send, and the channels. */
@Injectable()
export class AlertNotices {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sites: SitesService,
    private readonly alerts: AlertsRepository,
  ) {}

  async of(rule: AlertRule, firing: AlertFiring): Promise<{ notice: Notice; channels: AlertChannel[] }> {
    const site = await this.sites.get(rule.siteId);
    const channels = await this.alerts.channelsOf([rule.id]);
    const link = new URL(`/sites/${rule.siteId}/alerts`, this.config.publicUrl).toString();
    return { notice: { rule, site: { id: site.id, name: site.name }, firing, link }, channels };
  }
}
