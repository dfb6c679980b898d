// Generated from the backend’s OpenAPI description by frontend/scripts/api-schema.ts: do not edit.
// After changing a controller or DTO: npm run build -w backend && npm run api:schema -w frontend

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_providers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_startSingleSignOn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_finishSingleSignOn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_setUpTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_enableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_disableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_list"];
        put?: never;
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete: operations["UsersController_remove"];
        options?: never;
        head?: never;
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/users/{userId}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["UsersController_resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_alive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SitesController_list"];
        put?: never;
        post: operations["SitesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SitesController_get"];
        put?: never;
        post?: never;
        delete: operations["SitesController_remove"];
        options?: never;
        head?: never;
        patch: operations["SitesController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SitesController_rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/signing-secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SitesController_addSigningSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/signing-secrets/{secretId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["SitesController_revokeSigningSecret"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SitesController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/goals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's goals, oldest first */
        get: operations["GoalsController_list"];
        put?: never;
        /**
         * Create a goal
         * @description Reports take its id as `goal` and answer conversions, conversion rate and revenue.
         */
        post: operations["GoalsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/goals/{goalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a goal */
        delete: operations["GoalsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change a goal
         * @description Reports count the goal as it is now, over all time.
         */
        patch: operations["GoalsController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/annotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's annotations, by day and then as written; from and to narrow them to days */
        get: operations["AnnotationsController_list"];
        put?: never;
        /**
         * Annotate a day
         * @description The caller is its author. A site holds at most 1000 annotations.
         */
        post: operations["AnnotationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/annotations/{annotationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an annotation */
        delete: operations["AnnotationsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change an annotation's day or text
         * @description Its author stays who wrote it.
         */
        patch: operations["AnnotationsController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's segments, by name */
        get: operations["SegmentsController_list"];
        put?: never;
        /**
         * Save a set of filters under a name
         * @description The caller is its author. A site holds at most 100 segments.
         */
        post: operations["SegmentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/segments/{segmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a segment */
        delete: operations["SegmentsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change a segment's name or conditions
         * @description Its author stays who saved it.
         */
        patch: operations["SegmentsController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's feature flags, by key */
        get: operations["FeatureFlagsController_list"];
        put?: never;
        /**
         * Create a feature flag
         * @description Published for the edge before the answer: pages see it within a minute (docs/operations.md)
         */
        post: operations["FeatureFlagsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/flags/{flagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a feature flag
         * @description Published for the edge before the answer: pages see it within a minute (docs/operations.md)
         */
        delete: operations["FeatureFlagsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change a feature flag (switch it, roll it out, edit variants and rules)
         * @description Published for the edge before the answer: pages see it within a minute (docs/operations.md)
         */
        patch: operations["FeatureFlagsController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every goal of the site with its conversions, rate and revenue, in one answer */
        get: operations["ReportsController_conversions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_timeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_breakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_eventsPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/events/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ReportsController_eventsProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["FunnelController_funnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/funnel/visitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["FunnelController_visitors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RetentionController_grid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/realtime": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Right now: visitors and pageviews of the last 5 minutes, top pages and sources, pageviews by minute
         * @description One reading of a site's summary answers every caller asking while it is read and for a second after.
         */
        get: operations["RealtimeController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/realtime/last-event": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When the site's newest event arrived, null before its first: whether its snippet sends anything */
        get: operations["RealtimeController_lastEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/realtime/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["RealtimeController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ErrorsController_groups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/errors/{group}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ErrorsController_group"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/vitals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["VitalsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/engagement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["EngagementController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/paths": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PathsController_neighbours"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/paths/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PathsController_sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/heatmap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HeatmapController_heatmap"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/heatmap/framing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HeatmapController_framing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/experiment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ExperimentController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["DemoSitesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["DemoSitesController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/dashboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's dashboards with their widgets, oldest first */
        get: operations["DashboardsController_list"];
        put?: never;
        /** Create an empty dashboard */
        post: operations["DashboardsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/dashboards/{dashboardId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dashboard with its widgets */
        get: operations["DashboardsController_get"];
        put?: never;
        post?: never;
        /** Delete a dashboard, its widgets and its shared links */
        delete: operations["DashboardsController_remove"];
        options?: never;
        head?: never;
        /** Rename a dashboard */
        patch: operations["DashboardsController_rename"];
        trace?: never;
    };
    "/api/sites/{siteId}/dashboards/{dashboardId}/widgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save a report view as a widget, placed last
         * @description The query string is checked now: a parameter that breaks its rule is a 400 naming it (query: …).
         */
        post: operations["DashboardsController_addWidget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/dashboards/{dashboardId}/widgets/{widgetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a widget */
        delete: operations["DashboardsController_removeWidget"];
        options?: never;
        head?: never;
        /** Move or resize a widget */
        patch: operations["DashboardsController_updateWidget"];
        trace?: never;
    };
    "/api/sites/{siteId}/shared-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's links not revoked (expired ones too), oldest first */
        get: operations["SharedLinksController_list"];
        put?: never;
        /**
         * Create a shared link
         * @description The answer holds the token, this once; the public page is /shared/<token>.
         */
        post: operations["SharedLinksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/shared-links/{linkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a shared link: from now on it answers 404, like one that never existed */
        delete: operations["SharedLinksController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A link's site name, title and widgets */
        get: operations["SharedController_view"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter a link's password: a view token for an hour */
        post: operations["SharedController_unlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/widgets/{widgetId}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metrics widget's overview, for its saved view */
        get: operations["SharedController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/widgets/{widgetId}/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chart widget's timeseries (its saved metric and interval), for its saved view */
        get: operations["SharedController_timeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/widgets/{widgetId}/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A funnel widget's funnel (its saved steps and window), for its saved view */
        get: operations["SharedController_funnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/shared/{token}/widgets/{widgetId}/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A breakdown widget's top 10 values by visitors, for its saved view */
        get: operations["SharedController_breakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/ingest-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["IngestHealthController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/provider": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AI provider: whether one is configured, which, and whether a key is set */
        get: operations["AiProviderController_view"];
        /**
         * Configure the AI provider
         * @description The key is stored encrypted (AES-256-GCM); leave apiKey out to keep the stored one.
         */
        put: operations["AiProviderController_update"];
        post?: never;
        /** Remove the AI provider: names become heuristic, questions unavailable */
        delete: operations["AiProviderController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ai/provider/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a connection
         * @description Sends a tiny prompt to the configuration given over the stored one; answers ok with the latency, or the provider’s error.
         */
        post: operations["AiProviderController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/actions/{fingerprint}/name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Name an action by hand
         * @description Locked: the naming worker never replaces it. Applies to past and future events at once.
         */
        put: operations["ActionNamesController_rename"];
        post?: never;
        /**
         * Clear a name given by hand
         * @description Back to automatic: the heuristic name at once, the AI name at the worker’s next poll.
         */
        delete: operations["ActionNamesController_clear"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/actions/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Name actions again
         * @description Asks the model again (or the heuristic, without a provider) now; names given by hand stay.
         */
        post: operations["ActionNamesController_rerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/questions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a question about the site in plain language
         * @description The configured language model turns the question into a report query object (never SQL), which is validated and run like a report of the API. The answer has the query, the query in words and the report; a question the data can’t answer has outcome cannot_answer with suggestions. Without a provider (no_provider) or with one failing (provider_failed), message says what to do.
         */
        post: operations["QuestionsController_ask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's alert rules with their state and channels, oldest first */
        get: operations["AlertsController_list"];
        put?: never;
        /**
         * Create an alert rule
         * @description Each new webhook or slack channel gets a signing secret, answered in newSecrets this once.
         */
        post: operations["AlertsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/alerts/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An alert rule */
        get: operations["AlertsController_get"];
        put?: never;
        post?: never;
        /** Delete an alert rule, with its history */
        delete: operations["AlertsController_remove"];
        options?: never;
        head?: never;
        /**
         * Change an alert rule
         * @description The rule starts over (state ok). `channels`, when given, is the whole list: channels named by id are kept.
         */
        patch: operations["AlertsController_update"];
        trace?: never;
    };
    "/api/sites/{siteId}/alerts/{ruleId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rule's firings and test-fires, newest first, each with its delivery attempts */
        get: operations["AlertsController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/alerts/{ruleId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification through every channel of the rule
         * @description Answers at once; the deliveries (with retries) appear in the history.
         */
        post: operations["AlertsController_testFire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sites/{siteId}/digest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether I get this site’s weekly digest */
        get: operations["DigestsController_get"];
        /**
         * Turn my weekly digest of this site on or off
         * @description Off by default. The first digest is of the next whole week (Monday to Sunday, site’s zone).
         */
        put: operations["DigestsController_set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BackupsController_list"];
        put?: never;
        post: operations["BackupsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backups/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["BackupsController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API keys not revoked, oldest first (never the keys themselves) */
        get: operations["ApiKeysController_list"];
        put?: never;
        /**
         * Create an API key
         * @description The answer holds the key, shown this once. It reads, through the report routes, the sites you may read at the time of each request, as a viewer, within a budget of requests per minute.
         */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Your own, or (owners) anyone’s. It is refused from the next request on, on every backend.
         */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{userId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s API keys not revoked (owners), to revoke one */
        get: operations["ApiKeysController_listOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LoginDto: {
            /** @example owner@sluice.local */
            email: string;
            /** Format: password */
            password: string;
            /**
             * @description With two-factor sign-in on: the app’s current code
             * @example 123456
             */
            code?: string;
        };
        /** @enum {string} */
        Role: "viewer" | "admin" | "owner";
        UserResponseDto: {
            id: number;
            /** @example ann@shop.example */
            email: string;
            role: components["schemas"]["Role"];
            /** @description A one-time password must be replaced before anything else */
            mustChangePassword: boolean;
            /** @description Whether sign-in also asks for a TOTP code */
            totpEnabled: boolean;
            /** @description The sites granted (owners see every site and have none listed) */
            siteIds: number[];
            /** Format: date-time */
            createdAt: string;
        };
        TotpSetupDto: {
            /**
             * Format: password
             * @description The current password: a stolen access token alone must not tie the account to another app
             */
            password: string;
        };
        TotpCodeDto: {
            /** @example 123456 */
            code: string;
        };
        ChangePasswordDto: {
            /**
             * Format: password
             * @description The password (or one-time password) signed in with
             */
            currentPassword: string;
            /** Format: password */
            newPassword: string;
        };
        CreateUserDto: {
            /**
             * @description The login; stored lower-cased
             * @example ann@shop.example
             */
            email: string;
            /**
             * @description owner: everything; admin: adds and changes its sites; viewer: reads its sites
             * @enum {string}
             */
            role: "viewer" | "admin" | "owner";
            /** @description The sites an admin or viewer may see (owners see all) */
            siteIds?: number[];
        };
        UserWithPasswordDto: {
            user: components["schemas"]["UserResponseDto"];
            oneTimePassword: string;
        };
        UpdateUserDto: {
            /**
             * @description owner: everything; admin: adds and changes its sites; viewer: reads its sites
             * @enum {string}
             */
            role?: "viewer" | "admin" | "owner";
            /** @description The sites an admin or viewer may see (owners see all) */
            siteIds?: number[];
        };
        /** @enum {string} */
        AuditAction: "user.create" | "user.update" | "user.delete" | "user.reset_password" | "user.change_password" | "user.enable_totp" | "user.disable_totp" | "user.link_identity" | "site.create" | "site.update" | "site.delete" | "site.rotate_key" | "site.signing_secret.create" | "site.signing_secret.revoke" | "api_key.create" | "api_key.revoke" | "goal.create" | "goal.update" | "goal.delete" | "annotation.create" | "annotation.update" | "annotation.delete" | "segment.create" | "segment.update" | "segment.delete" | "flag.create" | "flag.update" | "flag.delete" | "alert.create" | "alert.update" | "alert.delete" | "alert.test" | "dashboard.create" | "dashboard.rename" | "dashboard.delete" | "dashboard.widget.add" | "dashboard.widget.update" | "dashboard.widget.remove" | "shared_link.create" | "shared_link.revoke" | "action.rename" | "action.name.clear" | "action.name.rerun" | "ai.provider.update" | "ai.provider.delete" | "backup.start";
        AuditRecordDto: {
            id: number;
            /** Format: date-time */
            at: string;
            /** @description Null for the system's own actions */
            actorId: number | null;
            /** @example owner@shop.example */
            actorEmail: string;
            /** @example site.create */
            action: components["schemas"]["AuditAction"];
            /** @example site:3 */
            target: string;
            details: {
                [key: string]: unknown;
            };
        };
        SiteResponseDto: {
            /** @example 1 */
            id: number;
            /** @example Shop */
            name: string;
            /** @example shop.example.com */
            domain: string;
            /** @description The public key the tracker snippet sends */
            siteKey: string;
            /**
             * @description IANA time zone; report dates are days in this zone
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description Page origins whose events the edge accepts; empty accepts any */
            allowedOrigins: string[];
            /** @description Client addresses and CIDR ranges whose events the edge drops unseen; empty blocks none */
            blockedAddresses: string[];
            /** @description Countries (ISO 3166-1 alpha-2) whose visitors' events the edge drops unseen; empty blocks none */
            blockedCountries: string[];
            /** @description Page paths (wildcards: `*` within a segment, `**` across) whose events the edge drops unseen */
            blockedPages: string[];
            /** @enum {string} */
            privacyMode: "cookieless" | "persistent";
            /** @enum {string} */
            botPolicy: "flag" | "drop";
            /** @description Months of data kept; null: the server's setting */
            retentionMonths: number | null;
            /**
             * @description The ids of the secrets the site's servers sign event batches with (at most two); a secret itself is answered once, when it is made
             * @example [
             *       "3f9a1c07b2e4"
             *     ]
             */
            signingSecretIds: string[];
            /** @description The tag to paste into every page of the site */
            snippet: string;
        };
        CreateSiteDto: {
            /** @example Shop */
            name: string;
            /** @example shop.example.com */
            domain: string;
            /**
             * @description Reports count days in it
             * @default UTC
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Page origins whose events the edge accepts; empty accepts any
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            allowedOrigins?: string[];
            /**
             * @description Client addresses, or ranges in CIDR notation, IPv4 or IPv6, whose events the edge drops unseen (an office, a monitor); empty blocks none. At most 100
             * @example [
             *       "198.51.100.0/24",
             *       "2001:db8::7"
             *     ]
             */
            blockedAddresses?: string[];
            /**
             * @description Countries, as upper-case ISO 3166-1 alpha-2 codes, whose visitors' events the edge drops unseen (by the geo database’s country of their address); empty blocks none
             * @example [
             *       "CN"
             *     ]
             */
            blockedCountries?: string[];
            /**
             * @description Page paths whose events the edge drops unseen (an admin area, previews), with the reports’ wildcards: `*` within a path segment, `**` across; characters beyond ASCII are stored percent-encoded, as browsers send them; empty blocks none. At most 30
             * @example [
             *       "/admin/**",
             *       "/preview/*"
             *     ]
             */
            blockedPages?: string[];
            /**
             * @default cookieless
             * @enum {string}
             */
            privacyMode: "cookieless" | "persistent";
            /**
             * @description flag: keep bots, marked; drop: refuse them
             * @default flag
             * @enum {string}
             */
            botPolicy: "flag" | "drop";
            /** @description Months of data kept; null: the server’s RETENTION_MONTHS */
            retentionMonths?: number | null;
        };
        UpdateSiteDto: {
            /** @example Shop */
            name?: string;
            /** @example shop.example.com */
            domain?: string;
            /**
             * @description Reports count days in it
             * @default UTC
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Page origins whose events the edge accepts; empty accepts any
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            allowedOrigins?: string[];
            /**
             * @description Client addresses, or ranges in CIDR notation, IPv4 or IPv6, whose events the edge drops unseen (an office, a monitor); empty blocks none. At most 100
             * @example [
             *       "198.51.100.0/24",
             *       "2001:db8::7"
             *     ]
             */
            blockedAddresses?: string[];
            /**
             * @description Countries, as upper-case ISO 3166-1 alpha-2 codes, whose visitors' events the edge drops unseen (by the geo database’s country of their address); empty blocks none
             * @example [
             *       "CN"
             *     ]
             */
            blockedCountries?: string[];
            /**
             * @description Page paths whose events the edge drops unseen (an admin area, previews), with the reports’ wildcards: `*` within a path segment, `**` across; characters beyond ASCII are stored percent-encoded, as browsers send them; empty blocks none. At most 30
             * @example [
             *       "/admin/**",
             *       "/preview/*"
             *     ]
             */
            blockedPages?: string[];
            /**
             * @default cookieless
             * @enum {string}
             */
            privacyMode: "cookieless" | "persistent";
            /**
             * @description flag: keep bots, marked; drop: refuse them
             * @default flag
             * @enum {string}
             */
            botPolicy: "flag" | "drop";
            /** @description Months of data kept; null: the server’s RETENTION_MONTHS */
            retentionMonths?: number | null;
        };
        NewSigningSecretDto: {
            /** @description Sign event batches with it (HMAC-SHA256): it is not shown again */
            secret: string;
            /**
             * @description Its id, to revoke it by
             * @example 3f9a1c07b2e4
             */
            id: string;
            site: components["schemas"]["SiteResponseDto"];
        };
        GoalResponse: {
            /** @example 3 */
            id: number;
            /** @example 1 */
            siteId: number;
            /** @example Bought */
            name: string;
            /** @enum {string} */
            kind: "page" | "event" | "scroll";
            /** @example purchase */
            match: string;
            /** @example plan */
            propertyKey: string | null;
            /** @example pro */
            propertyValue: string | null;
            /**
             * @description A scroll goal’s percent; null for others
             * @example null
             */
            scrollDepth: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateGoalDto: {
            /** @example Bought */
            name: string;
            /**
             * @description page: pageviews whose path matches `match`; event: events named `match`; scroll: a page whose path matches `match` scrolled at least `scrollDepth` percent down
             * @enum {string}
             */
            kind: "page" | "event" | "scroll";
            /**
             * @description A page or scroll goal: a wildcard path pattern, as the matches filter takes (* within a path segment, ** across). An event goal: the event name, exactly.
             * @example /checkout/**\/done
             */
            match: string;
            /**
             * @description Only events carrying this custom property (with propertyValue); null or absent: any
             * @example plan
             */
            propertyKey?: string | null;
            /**
             * @description The value propertyKey must have, exactly
             * @example pro
             */
            propertyValue?: string | null;
            /**
             * @description A scroll goal (and only one): percent of the page a visit scrolled down to at least
             * @example 75
             */
            scrollDepth?: number | null;
        };
        UpdateGoalDto: {
            /** @example Bought */
            name?: string;
            /**
             * @description page: pageviews whose path matches `match`; event: events named `match`; scroll: a page whose path matches `match` scrolled at least `scrollDepth` percent down
             * @enum {string}
             */
            kind?: "page" | "event" | "scroll";
            /**
             * @description A page or scroll goal: a wildcard path pattern, as the matches filter takes (* within a path segment, ** across). An event goal: the event name, exactly.
             * @example /checkout/**\/done
             */
            match?: string;
            /**
             * @description Only events carrying this custom property (with propertyValue); null or absent: any
             * @example plan
             */
            propertyKey?: string | null;
            /**
             * @description The value propertyKey must have, exactly
             * @example pro
             */
            propertyValue?: string | null;
            /**
             * @description A scroll goal (and only one): percent of the page a visit scrolled down to at least
             * @example 75
             */
            scrollDepth?: number | null;
        };
        AnnotationResponse: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            siteId: number;
            /**
             * Format: date
             * @example 2026-11-20
             */
            date: string;
            /** @example Launched the new pricing page */
            text: string;
            /**
             * @description The email of the user who wrote it; null once that user is deleted
             * @example owner@shop.test
             */
            author: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateAnnotationDto: {
            /**
             * Format: date
             * @description The day it marks, 2000-01-01 to 2100-12-31
             * @example 2026-11-20
             */
            date: string;
            /**
             * @description Stored without the spaces around it; the rules hold for what is stored
             * @example Launched the new pricing page
             */
            text: string;
        };
        UpdateAnnotationDto: {
            /**
             * Format: date
             * @description The day it marks, 2000-01-01 to 2100-12-31
             * @example 2026-11-20
             */
            date?: string;
            /**
             * @description Stored without the spaces around it; the rules hold for what is stored
             * @example Launched the new pricing page
             */
            text?: string;
        };
        SegmentResponse: {
            /** @example 3 */
            id: number;
            /** @example 1 */
            siteId: number;
            /** @example Germans on phones */
            name: string;
            /**
             * @example [
             *       "country:DE",
             *       "device:mobile"
             *     ]
             */
            filters: string[];
            /**
             * @description The email of the user who saved it; null once that user is deleted
             * @example owner@shop.test
             */
            author: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateSegmentDto: {
            /**
             * @description Stored without the spaces around it; one of the site's segments has it
             * @example Germans on phones
             */
            name: string;
            /**
             * @description Its conditions, all of which a visit meets, as a view’s link writes them: dimension:value, or dimension:operator:value (is_not, contains, does_not_contain, matches)
             * @example [
             *       "country:DE",
             *       "device:mobile"
             *     ]
             */
            filters: string[];
        };
        UpdateSegmentDto: {
            /**
             * @description Stored without the spaces around it; one of the site's segments has it
             * @example Germans on phones
             */
            name?: string;
            /**
             * @description Its conditions, all of which a visit meets, as a view’s link writes them: dimension:value, or dimension:operator:value (is_not, contains, does_not_contain, matches)
             * @example [
             *       "country:DE",
             *       "device:mobile"
             *     ]
             */
            filters?: string[];
        };
        FlagVariantDto: {
            /** @example one-step */
            key: string;
            /**
             * @description Percent; a flag’s weights sum to 100
             * @example 50
             */
            weight: number;
        };
        FlagRuleDto: {
            /**
             * @description path: the page's path (values are wildcard patterns, * for any characters); country: ISO 3166-1 alpha-2 (DE); device: desktop, mobile, tablet or bot; browser: a browser family as reports name it (Chrome, Mobile Safari); userId: present or absent (whether the page identified its user)
             * @enum {string}
             */
            attribute: "path" | "country" | "device" | "browser" | "userId";
            /**
             * @description in: the attribute is one of the values; not_in: none of them
             * @enum {string}
             */
            operator: "in" | "not_in";
            /**
             * @example [
             *       "/pricing*"
             *     ]
             */
            values: string[];
        };
        FeatureFlagResponse: {
            /** @example 3 */
            id: number;
            /** @example 1 */
            siteId: number;
            /** @example new-checkout */
            key: string;
            /** @example One-step checkout against the current one */
            description: string;
            enabled: boolean;
            rollout: number;
            variants: components["schemas"]["FlagVariantDto"][];
            rules: components["schemas"]["FlagRuleDto"][];
            /** Format: date-time */
            createdAt: string;
        };
        CreateFeatureFlagDto: {
            /** @example new-checkout */
            key: string;
            /**
             * @default
             * @example One-step checkout against the current one
             */
            description: string;
            /**
             * @description Off: every visitor gets false
             * @default false
             */
            enabled: boolean;
            /**
             * @description Percent of the visitors the rules let through who get the flag (by a stable hash of their id)
             * @default 100
             */
            rollout: number;
            /** @description None: a boolean flag (true when on). Else 2 or more, with distinct keys and weights summing to 100 */
            variants?: components["schemas"]["FlagVariantDto"][];
            /** @description Every rule must hold for a visitor to get the flag; none: everyone */
            rules?: components["schemas"]["FlagRuleDto"][];
        };
        UpdateFeatureFlagDto: {
            /** @example new-checkout */
            key?: string;
            /**
             * @default
             * @example One-step checkout against the current one
             */
            description: string;
            /**
             * @description Off: every visitor gets false
             * @default false
             */
            enabled: boolean;
            /**
             * @description Percent of the visitors the rules let through who get the flag (by a stable hash of their id)
             * @default 100
             */
            rollout: number;
            /** @description None: a boolean flag (true when on). Else 2 or more, with distinct keys and weights summing to 100 */
            variants?: components["schemas"]["FlagVariantDto"][];
            /** @description Every rule must hold for a visitor to get the flag; none: everyone */
            rules?: components["schemas"]["FlagRuleDto"][];
        };
        SamplingDto: {
            /**
             * @description The share of visitors read (1: every row, the answer is exact); counts are divided by it
             * @example 0.1
             */
            rate: number;
            /** @description Events stored on the days the range is read from (bots and unmerged copies included): what sample=auto decides on */
            estimatedRows: number;
        };
        MetricValuesDto: {
            visitors?: number;
            visits?: number;
            pageviews?: number;
            events?: number;
            views_per_visit?: number;
            bounce_rate?: number;
            visit_duration?: number;
            conversions?: number;
            conversion_rate?: number;
        };
        ComparedRangeDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            metrics: components["schemas"]["MetricValuesDto"];
        };
        MetricChangesDto: {
            visitors?: number | null;
            visits?: number | null;
            pageviews?: number | null;
            events?: number | null;
            views_per_visit?: number | null;
            bounce_rate?: number | null;
            visit_duration?: number | null;
            conversions?: number | null;
            conversion_rate?: number | null;
        };
        OverviewReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Where the planner read the visits: the per-visit rollup or raw events
             * @enum {string}
             */
            source: "rollup" | "events";
            /** @description With sample: the rate read; null without */
            sampling: components["schemas"]["SamplingDto"] | null;
            metrics: components["schemas"]["MetricValuesDto"];
            /**
             * @description With an event goal only: the goal events’ revenue of these visits per currency, each an exact decimal string (never added across currencies; {} when none)
             * @example {
             *       "EUR": "119.80",
             *       "USD": "20.00"
             *     }
             */
            revenue?: {
                [key: string]: string;
            };
            comparison: components["schemas"]["ComparedRangeDto"] | null;
            change: components["schemas"]["MetricChangesDto"] | null;
        };
        GoalConversionDto: {
            goal: components["schemas"]["GoalResponse"];
            /** @description conversions and conversion_rate */
            metrics: components["schemas"]["MetricValuesDto"];
            /**
             * @description With an event goal only: the goal events’ revenue of these visits per currency, each an exact decimal string (never added across currencies; {} when none)
             * @example {
             *       "EUR": "119.80",
             *       "USD": "20.00"
             *     }
             */
            revenue?: {
                [key: string]: string;
            };
            comparison: components["schemas"]["ComparedRangeDto"] | null;
            change: components["schemas"]["MetricChangesDto"] | null;
        };
        GoalConversionsReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Where the planner read the visits: the per-visit rollup or raw events
             * @enum {string}
             */
            source: "rollup" | "events";
            /** @description With sample: the rate read; null without */
            sampling: components["schemas"]["SamplingDto"] | null;
            goals: components["schemas"]["GoalConversionDto"][];
        };
        TimeseriesPointDto: {
            /** @description The bucket in the site’s zone: YYYY-MM-DD, or YYYY-MM-DD HH:MM for hours and minutes */
            bucket: string;
            metrics: components["schemas"]["MetricValuesDto"];
        };
        ComparedSeriesDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            points: components["schemas"]["TimeseriesPointDto"][];
        };
        TimeseriesReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Where the planner read the visits: the per-visit rollup or raw events
             * @enum {string}
             */
            source: "rollup" | "events";
            /** @description With sample: the rate read; null without */
            sampling: components["schemas"]["SamplingDto"] | null;
            /** @enum {string} */
            interval: "minute" | "hour" | "day" | "week" | "month";
            points: components["schemas"]["TimeseriesPointDto"][];
            /** @description The bucket under way now in the site’s zone, where the range holds it: its numbers grow until it ends, and the buckets after it are yet to come (their zeros are not counts) */
            inProgress: string | null;
            comparison: components["schemas"]["ComparedSeriesDto"] | null;
        };
        BreakdownRowDto: {
            /** @description The dimension’s value; empty when the events had none */
            value: string;
            /** @description By element only: what the element is called, its stored name (autocapture_names) or the heuristic name made of its context (`Clicked 'Place Order' on /checkout`) */
            name?: string;
            /**
             * @description By element only: where the name came from: the model (ai), the element’s context (heuristic), or a person (manual)
             * @enum {string}
             */
            nameSource?: "ai" | "heuristic" | "manual";
            metrics: components["schemas"]["MetricValuesDto"];
            /**
             * @description With an event goal only: the goal events’ revenue of these visits per currency, each an exact decimal string (never added across currencies; {} when none)
             * @example {
             *       "EUR": "119.80",
             *       "USD": "20.00"
             *     }
             */
            revenue?: {
                [key: string]: string;
            };
            /** @description The same value in the comparison range */
            comparison: components["schemas"]["MetricValuesDto"] | null;
        };
        BreakdownReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Where the planner read the visits: the per-visit rollup or raw events
             * @enum {string}
             */
            source: "rollup" | "events";
            /** @description With sample: the rate read; null without */
            sampling: components["schemas"]["SamplingDto"] | null;
            /** @enum {string} */
            dimension: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element";
            rows: components["schemas"]["BreakdownRowDto"][];
            /** @description Pass as cursor for the next page; null on the last */
            nextCursor: string | null;
        };
        EventDto: {
            /**
             * Format: uuid
             * @description Random 128-bit id minted by the tracker (32 hex digits on the wire; the edge writes UUID text, and mints one when none was sent); a resent event keeps it.
             */
            event_id: string;
            /** @description Internal site id, looked up from the public site key. */
            site_id: number;
            /**
             * @description When the event happened, UTC, `YYYY-MM-DD hh:mm:ss`: the edge receive time less the age the tracker sent (wire key `a`, at most WIRE.maxAgeMs), so an event resent from the offline queue keeps its own time and day. UTC
             * @example 2026-11-20 09:30:00
             */
            ts: string;
            /** @description Event name: 'pageview' or a custom name. */
            name: string;
            /** @description Host of the page URL, lower-cased. */
            hostname: string;
            /** @description Path of the page URL, without query or fragment. */
            pathname: string;
            /** @description document.referrer as the tracker saw it. */
            referrer: string;
            /** @description Where the visit came from: a source of the vendored referrer list by name (Google, Facebook, ChatGPT, …; edge/README.md, Referrers), else the referrer's host without www.; for a page reached by an ad click id without a referrer, its ad network (Google for gclid, …); empty for direct visits and navigation within the site. */
            referrer_source: string;
            /** @description The channel the visit came through, one of CHANNELS (search, social, email, paid, video, ai, referral, direct): from the page URL's UTM medium and source and its ad click ids, else the referrer's kind in the vendored referrer list (edge/README.md, Channels). */
            channel: string;
            /** @description utm_source of the page URL. */
            utm_source: string;
            /** @description utm_medium of the page URL. */
            utm_medium: string;
            /** @description utm_campaign of the page URL. */
            utm_campaign: string;
            /** @description utm_term of the page URL. */
            utm_term: string;
            /** @description utm_content of the page URL. */
            utm_content: string;
            /** @description Browser from the user agent (Chrome, Safari, Firefox, Edge, …); empty when unknown. */
            browser: string;
            /** @description The browser's major version. */
            browser_version: string;
            /** @description Operating system (Windows, macOS, iOS, Android, Linux, Chrome OS); empty when unknown. */
            os: string;
            /** @description desktop, mobile, tablet or bot. */
            device: string;
            /**
             * @description 1 when the user agent is a known crawler, a script or an automated browser.
             * @enum {integer}
             */
            is_bot: 0 | 1;
            /** @description ISO 3166-1 alpha-2 country of the client address (geo database); empty when unknown. */
            country: string;
            /** @description Region (state, province) of the client address; empty when unknown. */
            region: string;
            /** @description City of the client address; empty when unknown. */
            city: string;
            /** @description The visitor's preferred language: the Accept-Language entry of highest q-value (the first of equals), as its lower-case primary subtag and region if it names one (`en`, `en-us`, `pt-br`; a script such as zh-Hant-TW's is left out: `zh-tw`); empty when the header is absent or names no language. */
            language: string;
            /** @description Cookieless sites: salted hash of site, client IP and user agent (daily random salt; the raw IP is never written). Persistent-mode sites: the tracker's first-party anonymous id when it sent a valid one. */
            visitor_id: string;
            /** @description Session id minted by the tracker. */
            session_id: string;
            /** @description The site's own id for a signed-in user (setUserId); never an email address. Empty when unset. */
            user_id: string;
            /** @description Custom property names, parallel to props_values. */
            props_keys: string[];
            /** @description Custom property values as strings, parallel to props_keys. */
            props_values: string[];
            /** @description Revenue of the event in revenue_currency, exact (at most 4 digits after the point): the `revenue` property of an event that names a valid currency; 0 otherwise. */
            revenue_amount: number;
            /** @description ISO 4217 code of revenue_amount's currency, upper-case (`EUR`); empty on events without revenue. */
            revenue_currency: string;
            /** @description Autocapture: tag name of the clicked or submitted element, lower-case (a, button, form, …). */
            el_tag: string;
            /** @description Autocapture: the element's id attribute. */
            el_id: string;
            /** @description Autocapture: the element's class names, space-separated. */
            el_classes: string;
            /** @description Autocapture: the element's visible text, whitespace folded. */
            el_text: string;
            /** @description Autocapture: a stable CSS selector path from the nearest id (or the body) to the element. */
            el_selector: string;
            /** @description Autocapture: the link's or form's target URL. */
            el_href: string;
            /** @description Autocapture: the nearest heading or landmark around the element (its text or role). */
            el_context: string;
            /** @description Autocapture: 16 hex digits of MD5(el_tag, el_selector, el_text), the key its AI or heuristic name is stored under (autocapture_names); empty when el_tag is. */
            el_fingerprint: string;
            /** @description Clicks: CSS pixels from the left of the page (heatmaps). */
            click_x: number;
            /** @description Clicks: CSS pixels from the top of the page (heatmaps). */
            click_y: number;
            /** @description The viewport width in CSS pixels, so heatmaps can group layouts. */
            viewport_width: number;
            /** @description How far down the page the visitor scrolled, in percent (the maximum over the page view). */
            scroll_depth: number;
            /** @description Milliseconds the page was visible and in use. */
            engaged_ms: number;
            /** @description Errors: the message of an uncaught error or unhandled rejection. */
            error_message: string;
            /** @description Errors: URL of the script that threw. */
            error_source: string;
            /** @description Errors: line in error_source. */
            error_line: number;
            /** @description Errors: column in error_source. */
            error_column: number;
            /** @description Errors: the stack trace, truncated. */
            error_stack: string;
            /** @description Web vitals: Largest Contentful Paint, milliseconds. */
            lcp_ms: number;
            /** @description Web vitals: Interaction to Next Paint, milliseconds. */
            inp_ms: number;
            /** @description Web vitals: Cumulative Layout Shift (unitless). */
            cls: number;
        };
        EventsPageDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description Newest first (by ts, then event id); each event once */
            events: components["schemas"]["EventDto"][];
            /** @description Pass as cursor for the next (older) page; null on the last page */
            nextCursor: string | null;
        };
        ProfileVisitDto: {
            /** @description The visit’s session_id: the events explorer’s `session=` */
            sessionId: string;
            /**
             * @description Its first event, UTC
             * @example 2026-11-20 09:30:00
             */
            started: string;
            /**
             * @description Its last event, UTC
             * @example 2026-11-20 09:41:12
             */
            ended: string;
            events: number;
            pageviews: number;
            /** @description Its first pageview’s path, empty without one */
            entryPage: string;
            /** @description Its last pageview’s path, empty without one */
            exitPage: string;
            /** @description Where it came from (referrer_source), empty if direct */
            source: string;
            country: string;
            device: string;
            browser: string;
        };
        EventsProfileDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /**
             * @description Whose: the parameter asked
             * @enum {string}
             */
            of: "session" | "visitor" | "user";
            /** @description Its value, as asked */
            value: string;
            /** @description Their events, each once */
            events: number;
            pageviews: number;
            /** @description Their visits (distinct session ids) */
            visits: number;
            /** @description Their first event, UTC; null without events */
            firstSeen: string | null;
            /** @description Their last event, UTC; null without events */
            lastSeen: string | null;
            /** @description Country codes they came from, sorted */
            countries: string[];
            devices: string[];
            browsers: string[];
            /** @description Operating systems */
            systems: string[];
            /** @description Their latest city, empty if unknown */
            city: string;
            /** @description The latest user id the site gave them (setUserId), empty if none */
            userId: string;
            /** @description Their newest visits, newest first, at most 20 (`visits` counts them all) */
            visitList: components["schemas"]["ProfileVisitDto"][];
        };
        FunnelStepResultDto: {
            /** @description The step’s place, from 1 */
            step: number;
            /** @enum {string} */
            kind: "page" | "event" | "action";
            /** @description The step’s pattern, event name or element fingerprint, as asked */
            match: string;
            propertyKey: string | null;
            propertyValue: string | null;
            /** @description Visitors who reached the step after every earlier one, in order, within the window */
            visitors: number;
            /** @description Percent of the entrants (step 1), two decimals, half up */
            conversionFromStart: number;
            /** @description Percent of the previous step’s visitors, two decimals, half up */
            conversionFromPrevious: number;
            /** @description The previous step’s visitors who did not reach this one (0 on step 1) */
            dropOff: number;
            /** @description Median whole seconds from the previous step (of an even count, the upper middle value); null on step 1 and where nobody reached the step */
            medianSecondsFromPrevious: number | null;
            /** @description Mean seconds from the previous step, rounded half up; null as the median */
            meanSecondsFromPrevious: number | null;
        };
        FunnelRangeDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            steps: components["schemas"]["FunnelStepResultDto"][];
        };
        FunnelBreakdownRowDto: {
            /** @description The dimension’s value; empty when the events had none */
            value: string;
            steps: components["schemas"]["FunnelStepResultDto"][];
            /** @description The same value in the comparison range */
            comparison: components["schemas"]["FunnelStepResultDto"][] | null;
        };
        FunnelReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description The conversion window, in seconds */
            window: number;
            /** @description Every entrant, whatever the dimension */
            steps: components["schemas"]["FunnelStepResultDto"][];
            comparison: components["schemas"]["FunnelRangeDto"] | null;
            /** @enum {string|null} */
            dimension: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element" | null;
            /** @description With a dimension: its top values by entrants, most first; null without one */
            breakdown: components["schemas"]["FunnelBreakdownRowDto"][] | null;
        };
        FunnelVisitorDto: {
            /** @description The visitor’s id (the events’ visitor_id): the events explorer’s `visitor=` */
            visitorId: string;
            /** @description The visit they entered in (session_id): the events explorer’s `session=` */
            sessionId: string;
            /** @description The signed-in user’s id the site sent, empty if none */
            userId: string;
            /** @description Country code of the entry, empty if unknown */
            country: string;
            /** @description Device class of the entry */
            device: string;
            /** @description Browser of the entry */
            browser: string;
            /**
             * Format: date-time
             * @description When they entered the funnel (step 1), UTC
             */
            enteredAt: string;
            /**
             * Format: date-time
             * @description When they reached the step, UTC
             */
            reachedAt: string;
        };
        FunnelVisitorsDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            step: number;
            /** @enum {string} */
            outcome: "reached" | "dropped";
            /** @description The most recent entrants first, at most `limit` of them (the funnel report counts them all) */
            visitors: components["schemas"]["FunnelVisitorDto"][];
        };
        RetentionCellDto: {
            /** @description Periods after the cohort’s: 0 is the cohort’s own */
            offset: number;
            /**
             * Format: date
             * @description The period’s first day
             */
            period: string;
            /** @description Visitors of the cohort who returned in the period */
            visitors: number;
            /** @description Percent of the cohort, two decimals, half up */
            percent: number;
        };
        RetentionCohortDto: {
            /**
             * Format: date
             * @description The cohort’s period’s first day (a week’s Monday, a month’s 1st), in the site’s zone
             */
            cohort: string;
            /** @description Visitors whose first-ever visit fell in the range within this period (and passes the filters) */
            visitors: number;
            /** @description Every period from the cohort’s to the range’s last, in order (zeros included) */
            returning: components["schemas"]["RetentionCellDto"][];
        };
        RetentionRangeDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            cohorts: components["schemas"]["RetentionCohortDto"][];
        };
        RetentionReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @enum {string} */
            period: "day" | "week" | "month";
            /**
             * @description How the site identifies visitors: persistent (the tracker’s first-party id) follows a visitor across days; cookieless (a hash under a salt that changes every UTC day) cannot, so a visitor is new every day and returns appear only within a cohort’s first day
             * @enum {string}
             */
            identity: "cookieless" | "persistent";
            /** @description The event a return is; null: any visit */
            returnEvent: string | null;
            /** @description Every period of the range, oldest first */
            cohorts: components["schemas"]["RetentionCohortDto"][];
            comparison: components["schemas"]["RetentionRangeDto"] | null;
        };
        RealtimeEventDto: {
            /** @description The event id: copies and resends share it, and the stream sends it once */
            id: string;
            /** @description Unix seconds of its first arrival */
            ts: number;
            /**
             * @description The event name
             * @example pageview
             */
            name: string;
            /** @example /pricing */
            page: string;
            /**
             * @description Country code; empty when unknown
             * @example DE
             */
            country: string;
            /**
             * @description Device type; empty when unknown
             * @example desktop
             */
            device: string;
            /** @example Chrome */
            browser: string;
            /**
             * @description Referrer source; empty for direct visits
             * @example Google
             */
            source: string;
        };
        RealtimePageDto: {
            /** @example /pricing */
            page: string;
            /** @description Pageviews of the page in the last 5 minutes */
            pageviews: number;
        };
        RealtimeSourceDto: {
            /**
             * @description Referrer source; empty for direct visits
             * @example Google
             */
            source: string;
            /** @description Visitors active in the last 5 minutes who came from it */
            visitors: number;
        };
        RealtimeMinuteDto: {
            /**
             * Format: date-time
             * @description The minute’s first instant (UTC)
             */
            minute: string;
            /** @description Pageviews first seen in that minute */
            pageviews: number;
        };
        RealtimeReportDto: {
            siteId: number;
            /**
             * Format: date-time
             * @description Where the 5 minutes begin (UTC)
             */
            since: string;
            /** @description Visitors with an event in the last 5 minutes */
            visitors: number;
            /** @description Pageviews in the last 5 minutes */
            pageviews: number;
            /** @description The 10 most viewed pages, most pageviews first */
            pages: components["schemas"]["RealtimePageDto"][];
            /** @description The 10 sources of most visitors, most first */
            sources: components["schemas"]["RealtimeSourceDto"][];
            /** @description The last 30 minutes, oldest first, the minute under way last: pageviews each, 0 for none */
            minutes: components["schemas"]["RealtimeMinuteDto"][];
        };
        LastEventDto: {
            siteId: number;
            /**
             * Format: date-time
             * @description When the site's newest event stored arrived (bots' left out); null before its first
             */
            lastEventAt: string | null;
        };
        ErrorValueDto: {
            /** @description The page path or the browser; empty when unknown */
            value: string;
            /** @description Error events (each event id once) */
            occurrences: number;
            /** @description Visitors they happened to */
            visitors: number;
        };
        ErrorGroupDto: {
            /** @description 16 hex digits of MD5 of the normalised message (UUIDs, hex numbers and digit runs replaced) and the top stack frame (else the script and line): stable, so a link to a group stays valid */
            group: string;
            /** @description The latest occurrence’s message */
            message: string;
            /** @description The top stack frame, or script:line; empty when the error had neither */
            frame: string;
            /** @description Error events in the range (each event id once) */
            occurrences: number;
            /** @description Visitors who met it */
            visitors: number;
            /** @description Visits it happened in */
            visits: number;
            /**
             * @description First occurrence in the range. In the site's time zone, YYYY-MM-DD HH:MM:SS
             * @example 2026-11-20 17:30:05
             */
            firstSeen: string;
            /**
             * @description Last occurrence in the range. In the site's time zone, YYYY-MM-DD HH:MM:SS
             * @example 2026-11-20 17:30:05
             */
            lastSeen: string;
            /**
             * @description First occurrence ever (under the same filters): firstSeen when the error first happened in the range, which makes it new there. In the site's time zone, YYYY-MM-DD HH:MM:SS
             * @example 2026-11-20 17:30:05
             */
            firstSeenEver: string;
            /** @description The latest occurrence’s stack trace (empty when it had none) */
            sampleStack: string;
            /** @description Its top pages, most occurrences first */
            pages: components["schemas"]["ErrorValueDto"][];
            /** @description Its top browsers, most occurrences first */
            browsers: components["schemas"]["ErrorValueDto"][];
        };
        ErrorsReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description Most occurrences first, then by group id */
            groups: components["schemas"]["ErrorGroupDto"][];
            /** @description Pass as cursor for the next page; null on the last */
            nextCursor: string | null;
        };
        ErrorDayDto: {
            /**
             * Format: date
             * @description A day in the site’s zone
             */
            day: string;
            occurrences: number;
            visitors: number;
            visits: number;
        };
        ErrorSampleDto: {
            /** Format: uuid */
            eventId: string;
            /**
             * @description In the site's time zone, YYYY-MM-DD HH:MM:SS
             * @example 2026-11-20 17:30:05
             */
            seenAt: string;
            message: string;
            /** @description Its top stack frame, or script:line */
            frame: string;
            stack: string;
            /** @description URL of the script that threw */
            script: string;
            line: number;
            column: number;
            page: string;
            browser: string;
        };
        ErrorGroupReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            summary: components["schemas"]["ErrorGroupDto"];
            /** @description Every day of the range, days without occurrences at 0 */
            days: components["schemas"]["ErrorDayDto"][];
            /** @description The latest occurrences, newest first */
            samples: components["schemas"]["ErrorSampleDto"][];
        };
        VitalDto: {
            /** @description Events that measured it (a vital of 0 is not measured, and left out) */
            samples: number;
            /** @description The 75th percentile: the value at index floor(0.75 × samples) of the sorted samples, exact; null without samples */
            p75: number | null;
            /** @description Percent of the samples, two decimals */
            good: number;
            /** @description Percent of the samples, two decimals */
            needsImprovement: number;
            /** @description Percent of the samples, two decimals */
            poor: number;
        };
        VitalsDto: {
            /** @description Engagement events read (each event id once) */
            engagements: number;
            /** @description Largest Contentful Paint, ms: good ≤ 2500, poor > 4000 */
            lcp: components["schemas"]["VitalDto"];
            /** @description Interaction to Next Paint, ms: good ≤ 200, poor > 500 */
            inp: components["schemas"]["VitalDto"];
            /** @description Cumulative Layout Shift: good ≤ 0.1, poor > 0.25 */
            cls: components["schemas"]["VitalDto"];
        };
        VitalsRowDto: {
            /** @description Engagement events read (each event id once) */
            engagements: number;
            /** @description Largest Contentful Paint, ms: good ≤ 2500, poor > 4000 */
            lcp: components["schemas"]["VitalDto"];
            /** @description Interaction to Next Paint, ms: good ≤ 200, poor > 500 */
            inp: components["schemas"]["VitalDto"];
            /** @description Cumulative Layout Shift: good ≤ 0.1, poor > 0.25 */
            cls: components["schemas"]["VitalDto"];
            /** @description The page path or device type */
            value: string;
        };
        VitalsReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @enum {string} */
            dimension?: "page" | "device";
            /** @description Every engagement event of the range */
            overall: components["schemas"]["VitalsDto"];
            /** @description With a dimension: one row per value, most engagement events first; [] without */
            rows: components["schemas"]["VitalsRowDto"][];
            /** @description Whether more values than limit had engagement events */
            truncated: boolean;
        };
        EngagementDto: {
            /** @description Readings: visits that reported time or scroll on the page (a visit's views of a page are one) */
            views: number;
            /** @description Time on page: the mean of the readings’ seconds with the page visible, whole, half up; 0 over none */
            timeOnPage: number;
            /** @description Scroll depth: the mean of the readings’ deepest scroll, percent of the page, whole, half up; 0 where none measured one */
            scrollDepth: number;
        };
        EngagementRowDto: {
            /** @description Readings: visits that reported time or scroll on the page (a visit's views of a page are one) */
            views: number;
            /** @description Time on page: the mean of the readings’ seconds with the page visible, whole, half up; 0 over none */
            timeOnPage: number;
            /** @description Scroll depth: the mean of the readings’ deepest scroll, percent of the page, whole, half up; 0 where none measured one */
            scrollDepth: number;
            /** @description The page path */
            value: string;
        };
        EngagementReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description Every page of the range */
            overall: components["schemas"]["EngagementDto"];
            /** @description One row per page, most readings first, then by path */
            rows: components["schemas"]["EngagementRowDto"][];
            /** @description Whether more pages than limit were read */
            truncated: boolean;
        };
        PathNeighbourDto: {
            /** @description A page path; "entry" before a visit's first page, "exit" after its last */
            page: string;
            /** @description Visits that went from this page to the asked one, or on */
            visits: number;
            /** @description Of the visits that viewed the asked page, in percent, one decimal */
            percent: number;
        };
        PathsReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @description The page or pattern asked for */
            page: string;
            /** @description Visits begun in the range that viewed the page */
            visits: number;
            /** @description Pages viewed right after it, most visits first */
            next: components["schemas"]["PathNeighbourDto"][];
            /** @description Pages viewed right before it, most visits first */
            previous: components["schemas"]["PathNeighbourDto"][];
        };
        SessionPathDto: {
            /** @description The steps in order: pages, "entry" first where the visit began within them, "exit" last where it ended */
            pages: string[];
            visits: number;
        };
        SessionPathsReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            start: string | null;
            end: string | null;
            steps: number;
            /** @description Most visits first, then by pages */
            paths: components["schemas"]["SessionPathDto"][];
        };
        HeatmapGridDto: {
            /**
             * @description Columns across the viewport width
             * @example 50
             */
            columns: number;
            /**
             * @description CSS px of page height per row
             * @example 50
             */
            rowPx: number;
        };
        HeatmapCellDto: {
            /** @description 0 to 49: the click's x as a fraction of its viewport's width, in 1/50 steps */
            column: number;
            /** @description The click's y from the top of the page, in 50 px rows */
            row: number;
            clicks: number;
        };
        HeatmapElementDto: {
            /** @description The element fingerprint (el_fingerprint) */
            fingerprint: string;
            /** @description Its name in autocapture_names, else the heuristic name of its context (`Clicked 'Place Order' on /checkout`) */
            name: string;
            /**
             * @description Where the name came from
             * @enum {string}
             */
            nameSource: "ai" | "heuristic" | "manual";
            clicks: number;
            visitors: number;
        };
        ScrollDepthDto: {
            /**
             * @description Percent of the page
             * @enum {integer}
             */
            depth: 25 | 50 | 75 | 100;
            /** @description Views that scrolled at least this far */
            views: number;
            /** @description Of all views, in percent, one decimal */
            percent: number;
        };
        ScrollDto: {
            /** @description Views of the page that reported engagement (per visit: a visit viewing it twice is one view) */
            views: number;
            depths: components["schemas"]["ScrollDepthDto"][];
        };
        HeatmapReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            page: string;
            /**
             * @description null: every viewport width
             * @enum {string|null}
             */
            viewport: "mobile" | "tablet" | "desktop" | null;
            grid: components["schemas"]["HeatmapGridDto"];
            /** @description Cells with clicks, most clicks first */
            cells: components["schemas"]["HeatmapCellDto"][];
            /** @description Most clicked elements first */
            elements: components["schemas"]["HeatmapElementDto"][];
            /** @description Scroll depth of the page, over every viewport width */
            scroll: components["schemas"]["ScrollDto"];
        };
        PageFramingDto: {
            /**
             * @description The page's address: the site's first allowed origin (else https:// and its domain) and the path; null for a pattern
             * @example https://shop.example.com/pricing
             */
            url: string | null;
            /** @description Whether the panel may show the page in a frame */
            framable: boolean;
            /**
             * @description framable; or why not: pattern (no one page), x_frame_options (the page sends X-Frame-Options), frame_ancestors (its Content-Security-Policy does not name the panel), redirect (it answered a redirect), unavailable (not a 2xx), unreachable (no answer within 3 s)
             * @enum {string}
             */
            reason: "framable" | "pattern" | "x_frame_options" | "frame_ancestors" | "redirect" | "unavailable" | "unreachable";
        };
        ExperimentVariantDto: {
            /** @description The flag's value as pages read it: a variant's key, or true / false without variants */
            variant: string;
            /** @description Visitors the flag was read for in the range, each under the value of their first read */
            visitors: number;
            /** @description Of them, those who completed the goal at or after that first read */
            conversions: number;
            /** @description conversions of visitors, in percent to two decimals; 0 of none */
            conversionRate: number;
        };
        ExperimentReportDto: {
            siteId: number;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * @description The site's time zone, which the days are in
             * @example Europe/Berlin
             */
            timezone: string;
            /** @example new-checkout */
            flag: string;
            /** @description The goal the values are compared by */
            goal: number;
            /** @description One row per value read in the range, by value */
            variants: components["schemas"]["ExperimentVariantDto"][];
        };
        CreateDemoSiteDto: {
            /**
             * @description Events over the 60 days, about 7 a visit (a busier or quieter shop)
             * @example 400000
             */
            events: number;
        };
        DemoSiteStatusDto: {
            /** @example 2 */
            siteId: number;
            /**
             * @description writing: its rows go into ClickHouse; finalizing: the finalized days are written again with them; ready; failed
             * @enum {string}
             */
            stage: "writing" | "finalizing" | "ready" | "failed";
            /** @description Rows to write: the 60 days up to now */
            rows: number;
            rowsWritten: number;
            /**
             * @description When its two months end: its live traffic goes on from there, a few visits a minute
             * @example 2026-12-02T05:30:00.000Z
             */
            until: string;
            /** @description Why it failed */
            error: string | null;
        };
        WidgetResponse: {
            id: number;
            /** @example overview */
            reportKey: string;
            /** @example period=30d */
            query: string;
            /** @enum {string} */
            kind: "metrics" | "chart" | "breakdown" | "funnel" | "link";
            /** @enum {string|null} */
            dimension: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element" | null;
            /** @enum {integer} */
            width: 1 | 2 | 3;
            /** @description From 0, in the order the dashboard shows them */
            position: number;
        };
        DashboardResponse: {
            id: number;
            siteId: number;
            /** @example Marketing */
            name: string;
            /** @description In their order */
            widgets: components["schemas"]["WidgetResponse"][];
            /** Format: date-time */
            createdAt: string;
        };
        DashboardNameDto: {
            /** @example Marketing */
            name: string;
        };
        CreateWidgetDto: {
            /**
             * @description The report page: its key in the panel (`/sites/:id/<key>`)
             * @example overview
             */
            reportKey: string;
            /**
             * @description The page's query string as the panel writes it, without `?`: period (today, 7d, 30d, month, custom with from and to), compare (previous, none), filter=dimension:value (repeated), metric, interval, and the page's own options (kept as they are)
             * @example period=30d&filter=country:DE&metric=pageviews
             */
            query: string;
            /**
             * @description metrics: the view's metric cards; chart: its time chart; breakdown: its breakdown by `dimension`; funnel: a funnels view's funnel (its `step` and `window` options, at least 2 steps); link: a card that opens the page
             * @enum {string}
             */
            kind: "metrics" | "chart" | "breakdown" | "funnel" | "link";
            /**
             * @description A breakdown widget’s dimension (only then)
             * @enum {string}
             */
            dimension?: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element";
            /**
             * @description Columns of the grid it spans
             * @enum {integer}
             */
            width: 1 | 2 | 3;
        };
        UpdateWidgetDto: {
            /** @enum {integer} */
            width?: 1 | 2 | 3;
            /** @description Its new place from 0 (first); past the last place: last */
            position?: number;
        };
        SavedViewDto: {
            /**
             * @description The report page: its key in the panel (`/sites/:id/<key>`)
             * @example overview
             */
            reportKey: string;
            /**
             * @description The page's query string as the panel writes it, without `?`: period (today, 7d, 30d, month, custom with from and to), compare (previous, none), filter=dimension:value (repeated), metric, interval, and the page's own options (kept as they are)
             * @example period=30d&filter=country:DE&metric=pageviews
             */
            query: string;
        };
        SharedLinkResponse: {
            id: number;
            /** @description The dashboard it shows, or null */
            dashboardId: number | null;
            /** @description The report view it shows, or null */
            view: components["schemas"]["SavedViewDto"] | null;
            /**
             * @description The token's first characters
             * @example shr_Ab12Cd34
             */
            prefix: string;
            hasPassword: boolean;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateSharedLinkDto: {
            /** @description A dashboard of the site (a link shows either a dashboard (dashboardId) or one report view (view)) */
            dashboardId?: number;
            /** @description One report view (a link shows either a dashboard (dashboardId) or one report view (view)) */
            view?: components["schemas"]["SavedViewDto"];
            /** @description Visitors must enter it before they see anything; absent: no password */
            password?: string;
            /**
             * Format: date-time
             * @description When the link stops working; absent: never
             */
            expiresAt?: string;
        };
        CreatedSharedLinkResponse: {
            id: number;
            /** @description The dashboard it shows, or null */
            dashboardId: number | null;
            /** @description The report view it shows, or null */
            view: components["schemas"]["SavedViewDto"] | null;
            /**
             * @description The token's first characters
             * @example shr_Ab12Cd34
             */
            prefix: string;
            hasPassword: boolean;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The token, shown this once: the public page is /shared/<token> */
            token: string;
        };
        SharedViewResponse: {
            /** @example shop.example */
            siteName: string;
            /** @example Europe/Berlin */
            timezone: string;
            /**
             * @description The dashboard's name, or the report page's key
             * @example Marketing
             */
            title: string;
            /** @enum {string} */
            kind: "dashboard" | "view";
            /** @description The dashboard's widgets; for one report view, its metric cards (id 1) and time chart (id 2) */
            widgets: components["schemas"]["WidgetResponse"][];
        };
        UnlockSharedLinkDto: {
            /** @description The link's password */
            password: string;
        };
        SharedViewTokenResponse: {
            /** @description Send it as the X-Sluice-Share-Unlock header of every /api/shared/:token request */
            viewToken: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ReasonCountDto: {
            /** @description The edge's code: missing_name, origin_not_allowed, rate_limited… */
            reason: string;
            count: number;
        };
        BotCountDto: {
            /** @description Why the edge took the events for a bot’s: crawler (isbot’s list), automation, library (an HTTP client), no_user_agent, impossible_headers, foreign_hostname (a page on another host), too_many_visitors (one address minting visitor ids in persistent mode) */
            kind: string;
            /**
             * @description What the site's bot policy did: flagged (stored with is_bot = 1) or dropped (not stored)
             * @enum {string}
             */
            action: "flagged" | "dropped";
            events: number;
        };
        SiteIntakeDto: {
            /** @description Events written for the pipeline (bots the site flags included) */
            accepted: number;
            /** @description Events refused by reason, most first: invalid events by their code, whole batches by theirs */
            refused: components["schemas"]["ReasonCountDto"][];
            /** @description Events of bots by kind and action, most first */
            bots: components["schemas"]["BotCountDto"][];
        };
        NodeIntakeDto: {
            /** @description Requests refused by reason across all sites, most first, rate_limited included: the rate limit and an unreadable or unknown batch are refused before the site is known */
            refusedRequests: components["schemas"]["ReasonCountDto"][];
            /** @description Bytes in the edge's events folder the pipeline has not shipped */
            backlogBytes: number;
            /** @description The most the events folder may hold */
            budgetBytes: number;
            /** @description True while beacons are refused because the folder is at its budget */
            refusing: boolean;
        };
        PipelineHealthDto: {
            /** @description Age in seconds of the oldest line not yet in ClickHouse (0 when caught up) */
            lagSeconds: number;
            /** @description Bytes of the edge files not yet in ClickHouse */
            lagBytes: number;
            /** @description Rows ClickHouse acknowledged since the shipper started */
            rowsShipped: number;
            /** @description Lines written to the dead-letter file since the shipper started */
            deadLetters: number;
            /** @description Rows ClickHouse refused (dead-lettered with their reason) */
            rowsRefused: number;
            /** @description Inserts that failed and were retried */
            insertFailures: number;
        };
        IngestHealthDto: {
            siteId: number;
            /**
             * Format: date-time
             * @description When the counters were read (they have no history)
             */
            readAt: string;
            /** @enum {string} */
            edge: "ok" | "not_configured" | "unreachable";
            /** @description Null unless the edge answered */
            site: components["schemas"]["SiteIntakeDto"] | null;
            /** @description Null unless the edge answered */
            node: components["schemas"]["NodeIntakeDto"] | null;
            /**
             * @description The shipper; Vector exports no figures here
             * @enum {string}
             */
            shipper: "ok" | "not_configured" | "unreachable";
            /** @description Null unless the shipper answered */
            pipeline: components["schemas"]["PipelineHealthDto"] | null;
        };
        ProviderSettingsResponse: {
            /** @description Whether a provider is configured (false: every name is heuristic) */
            configured: boolean;
            /** @enum {string} */
            kind?: "openai" | "anthropic";
            /** @example http://localhost:11434/v1 */
            baseUrl?: string;
            /** @example llama3.2 */
            model?: string;
            /** @description Whether an API key is stored (it is never answered) */
            apiKeySet: boolean;
            namingEnabled: boolean;
            dailyCallBudget: number;
            /** Format: date-time */
            updatedAt?: string;
        };
        ProviderSettingsDto: {
            /**
             * @description openai: any OpenAI-compatible Chat Completions API (OpenAI, Ollama, vLLM, LM Studio, llama.cpp server); anthropic: Anthropic Messages
             * @enum {string}
             */
            kind: "openai" | "anthropic";
            /**
             * @description Chat Completions: up to and including /v1; Messages: the host (https://api.anthropic.com)
             * @example http://localhost:11434/v1
             */
            baseUrl: string;
            /** @example llama3.2 */
            model: string;
            /** @description Sent to the provider as its API key; stored encrypted and never answered. Absent: the stored key is kept; null: removed (a local server that takes none). */
            apiKey?: string | null;
            /**
             * @description Whether the naming worker calls the model
             * @default true
             */
            namingEnabled: boolean;
            /**
             * @description Calls the naming worker may make per UTC day (per backend); past it, heuristic names until midnight
             * @default 500
             */
            dailyCallBudget: number;
        };
        ProviderTestDto: {
            /**
             * @description openai: any OpenAI-compatible Chat Completions API (OpenAI, Ollama, vLLM, LM Studio, llama.cpp server); anthropic: Anthropic Messages
             * @enum {string}
             */
            kind?: "openai" | "anthropic";
            /**
             * @description Chat Completions: up to and including /v1; Messages: the host (https://api.anthropic.com)
             * @example http://localhost:11434/v1
             */
            baseUrl?: string;
            /** @example llama3.2 */
            model?: string;
            /** @description Sent to the provider as its API key; stored encrypted and never answered. Absent: the stored key is kept; null: removed (a local server that takes none). */
            apiKey?: string | null;
            /**
             * @description Whether the naming worker calls the model
             * @default true
             */
            namingEnabled: boolean;
            /**
             * @description Calls the naming worker may make per UTC day (per backend); past it, heuristic names until midnight
             * @default 500
             */
            dailyCallBudget: number;
        };
        ProviderTestResponse: {
            ok: boolean;
            /**
             * @description The model tried
             * @example llama3.2
             */
            model: string;
            /** @description How long the answer took, in milliseconds (ok only) */
            latencyMs?: number;
            /**
             * @description What went wrong, short (not ok only)
             * @example The provider answered 401: invalid x-api-key
             */
            error?: string;
        };
        ActionNameDto: {
            /** @example Placed order */
            name: string;
        };
        ActionNameResponse: {
            /** @example 3f2b8c1e9a4d4c7b */
            fingerprint: string;
            /** @example Clicked 'Place Order' on /checkout */
            name: string;
            /**
             * @description ai: the model; heuristic: made of the element’s context; manual: a person’s, locked
             * @enum {string}
             */
            source: "ai" | "heuristic" | "manual";
        };
        RerunNamingDto: {
            /**
             * @example [
             *       "3f2b8c1e9a4d4c7b"
             *     ]
             */
            fingerprints: string[];
        };
        AskQuestionDto: {
            /** @example Which countries visited /pricing last week? */
            question: string;
        };
        QuestionRangeDto: {
            /**
             * @description Relative periods end today, in the site’s time zone
             * @enum {string}
             */
            period: "today" | "yesterday" | "last_7_days" | "last_30_days" | "this_month" | "last_month" | "last_days" | "custom";
            /** @description last_days */
            days?: number;
            /**
             * Format: date
             * @description custom: the first day; in an answer, the first day the range resolved to
             */
            from?: string;
            /**
             * Format: date
             * @description custom: the last day, included; in an answer, the last day the range resolved to
             */
            to?: string;
        };
        OrderDto: {
            /** @description One of the query’s metrics, or value */
            by: string;
            /** @enum {string} */
            direction: "asc" | "desc";
        };
        ReportRequestDto: {
            /** @enum {string} */
            report: "overview" | "timeseries" | "breakdown" | "funnel" | "retention" | "paths";
            range: components["schemas"]["QuestionRangeDto"];
            /** @description Also answer the previous period of the same length */
            compare?: boolean;
            /** @description Of visitors, visits, pageviews, events, views_per_visit, bounce_rate, visit_duration; with a goal also conversions, conversion_rate */
            metrics?: string[];
            /**
             * @description breakdown (required), funnel (optional)
             * @enum {string}
             */
            dimension?: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element";
            /** @description The reports’ filter list: conditions {"dimension","operator","value"} and groups */
            filters?: {
                [key: string]: unknown;
            }[];
            /** @description The name of one of the site’s goals */
            goal?: string;
            /**
             * @description timeseries
             * @enum {string}
             */
            interval?: "minute" | "hour" | "day" | "week" | "month";
            /** @description breakdown */
            order?: components["schemas"]["OrderDto"];
            /** @description breakdown: 1–1000 rows; funnel: 1–100 values; paths: 1–100 pages each way */
            limit?: number;
            /** @description funnel: the funnel report’s steps ({"kind":"page"|"event"|"action","match"}) */
            steps?: {
                [key: string]: unknown;
            }[];
            /** @description funnel: the conversion window in seconds */
            window?: number;
            /**
             * @description retention: cohorts by day, week or month
             * @enum {string}
             */
            cohort?: "day" | "week" | "month";
            /** @description retention: a return is an event of this name (default any visit) */
            returnEvent?: string;
            /** @description paths: the page (or path pattern) whose next and previous pages to answer */
            page?: string;
        };
        ReportResultDto: {
            overview?: components["schemas"]["OverviewReportDto"];
            timeseries?: components["schemas"]["TimeseriesReportDto"];
            breakdown?: components["schemas"]["BreakdownReportDto"];
            funnel?: components["schemas"]["FunnelReportDto"];
            retention?: components["schemas"]["RetentionReportDto"];
            paths?: components["schemas"]["PathsReportDto"];
        };
        QuestionAnswerDto: {
            question: string;
            /** @enum {string} */
            outcome: "answered" | "cannot_answer" | "no_provider" | "provider_failed";
            /** @description For the reader: the query in words when answered ("Visitors by country, last 7 days, where page is /pricing"), else what happened and what to do */
            message: string;
            /** @description The report query object the question was answered with, its range resolved to days */
            query: components["schemas"]["ReportRequestDto"] | null;
            result: components["schemas"]["ReportResultDto"] | null;
            /** @description cannot_answer: why, as the model said it or the validation that failed */
            reason: string | null;
            /** @description cannot_answer: questions this data can answer, from the report schema */
            suggestions: string[];
        };
        AlertChannelResponse: {
            id: number;
            /** @enum {string} */
            kind: "webhook" | "slack" | "email";
            target: string;
        };
        AlertRuleResponse: {
            id: number;
            siteId: number;
            name: string;
            /** @enum {string} */
            signal: "metric" | "ingest_lag_seconds" | "refused_percent";
            /** @enum {string|null} */
            metric: "visitors" | "visits" | "pageviews" | "events" | "views_per_visit" | "bounce_rate" | "visit_duration" | "conversions" | "conversion_rate" | null;
            filters: string | null;
            goal: number | null;
            windowMinutes: number;
            /** @enum {string} */
            condition: "above" | "below" | "drops_by" | "rises_by";
            threshold: number;
            consecutive: number;
            cooldownMinutes: number;
            enabled: boolean;
            /**
             * @description ok; pending: the condition holds, not yet long enough (or in the cooldown); firing
             * @enum {string}
             */
            state: "ok" | "pending" | "firing";
            /** @description What the last evaluation judged: the value, or the percent change for drops_by / rises_by */
            lastValue: number | null;
            /** Format: date-time */
            lastEvaluatedAt: string | null;
            /** Format: date-time */
            lastFiredAt: string | null;
            channels: components["schemas"]["AlertChannelResponse"][];
            /** Format: date-time */
            createdAt: string;
        };
        AlertChannelDto: {
            /** @description An existing channel of the rule, kept; absent: a new one */
            id?: number;
            /**
             * @description webhook: a signed JSON POST; slack: a signed Slack-compatible POST ({"text", "blocks"}); email: through the SMTP server
             * @enum {string}
             */
            kind: "webhook" | "slack" | "email";
            /**
             * @description The http(s) URL of a webhook, or the email address
             * @example https://hooks.example.com/sluice
             */
            target: string;
        };
        CreateAlertRuleDto: {
            /** @example Traffic dropped */
            name: string;
            /**
             * @description metric: a metric of the reports over the visits begun in the window; ingest_lag_seconds: the pipeline’s lag now; refused_percent: the site’s events the edge refused, as a percent of those it answered for, since the last evaluation
             * @enum {string}
             */
            signal: "metric" | "ingest_lag_seconds" | "refused_percent";
            /**
             * @description The metric signal’s metric (conversions and conversion_rate with a goal)
             * @enum {string|null}
             */
            metric?: "visitors" | "visits" | "pageviews" | "events" | "views_per_visit" | "bounce_rate" | "visit_duration" | "conversions" | "conversion_rate" | null;
            /**
             * @description The metric signal’s filters, as the reports take them (`filters`: a JSON list)
             * @example [{"dimension":"event_name","operator":"is","value":"$error"}]
             */
            filters?: string | null;
            /** @description A goal of the site (for its metrics) */
            goal?: number | null;
            /**
             * @description The metric’s window: the last N minutes
             * @default 60
             */
            windowMinutes: number;
            /**
             * @description above / below the threshold; drops_by / rises_by: by at least threshold percent against the window before
             * @enum {string}
             */
            condition: "above" | "below" | "drops_by" | "rises_by";
            /**
             * @description The value, or the percent for drops_by / rises_by
             * @example 100
             */
            threshold: number;
            /**
             * @description Evaluations in a row the condition must hold to fire, and be clear to resolve
             * @default 2
             */
            consecutive: number;
            /**
             * @description Minutes after a firing in which the rule does not fire again
             * @default 60
             */
            cooldownMinutes: number;
            /** @default true */
            enabled: boolean;
            channels: components["schemas"]["AlertChannelDto"][];
        };
        ChannelSecretResponse: {
            channelId: number;
            /**
             * @description Signs the channel’s deliveries (Sluice-Signature); shown this once
             * @example whsec_…
             */
            secret: string;
        };
        SavedAlertRuleResponse: {
            id: number;
            siteId: number;
            name: string;
            /** @enum {string} */
            signal: "metric" | "ingest_lag_seconds" | "refused_percent";
            /** @enum {string|null} */
            metric: "visitors" | "visits" | "pageviews" | "events" | "views_per_visit" | "bounce_rate" | "visit_duration" | "conversions" | "conversion_rate" | null;
            filters: string | null;
            goal: number | null;
            windowMinutes: number;
            /** @enum {string} */
            condition: "above" | "below" | "drops_by" | "rises_by";
            threshold: number;
            consecutive: number;
            cooldownMinutes: number;
            enabled: boolean;
            /**
             * @description ok; pending: the condition holds, not yet long enough (or in the cooldown); firing
             * @enum {string}
             */
            state: "ok" | "pending" | "firing";
            /** @description What the last evaluation judged: the value, or the percent change for drops_by / rises_by */
            lastValue: number | null;
            /** Format: date-time */
            lastEvaluatedAt: string | null;
            /** Format: date-time */
            lastFiredAt: string | null;
            channels: components["schemas"]["AlertChannelResponse"][];
            /** Format: date-time */
            createdAt: string;
            newSecrets: components["schemas"]["ChannelSecretResponse"][];
        };
        UpdateAlertRuleDto: {
            /** @example Traffic dropped */
            name?: string;
            /**
             * @description metric: a metric of the reports over the visits begun in the window; ingest_lag_seconds: the pipeline’s lag now; refused_percent: the site’s events the edge refused, as a percent of those it answered for, since the last evaluation
             * @enum {string}
             */
            signal?: "metric" | "ingest_lag_seconds" | "refused_percent";
            /**
             * @description The metric signal’s metric (conversions and conversion_rate with a goal)
             * @enum {string|null}
             */
            metric?: "visitors" | "visits" | "pageviews" | "events" | "views_per_visit" | "bounce_rate" | "visit_duration" | "conversions" | "conversion_rate" | null;
            /**
             * @description The metric signal’s filters, as the reports take them (`filters`: a JSON list)
             * @example [{"dimension":"event_name","operator":"is","value":"$error"}]
             */
            filters?: string | null;
            /** @description A goal of the site (for its metrics) */
            goal?: number | null;
            /**
             * @description The metric’s window: the last N minutes
             * @default 60
             */
            windowMinutes: number;
            /**
             * @description above / below the threshold; drops_by / rises_by: by at least threshold percent against the window before
             * @enum {string}
             */
            condition?: "above" | "below" | "drops_by" | "rises_by";
            /**
             * @description The value, or the percent for drops_by / rises_by
             * @example 100
             */
            threshold?: number;
            /**
             * @description Evaluations in a row the condition must hold to fire, and be clear to resolve
             * @default 2
             */
            consecutive: number;
            /**
             * @description Minutes after a firing in which the rule does not fire again
             * @default 60
             */
            cooldownMinutes: number;
            /** @default true */
            enabled: boolean;
            channels?: components["schemas"]["AlertChannelDto"][];
        };
        AlertDeliveryResponse: {
            channelId: number;
            /** @enum {string} */
            channelKind: "webhook" | "slack" | "email";
            /**
             * @description What it told: the firing (or test-fire), or its resolution
             * @enum {string}
             */
            notice: "firing" | "resolution";
            attempt: number;
            /** @enum {string} */
            status: "delivered" | "failed";
            error: string | null;
            /** Format: date-time */
            attemptedAt: string;
        };
        AlertFiringResponse: {
            id: number;
            /** @enum {string} */
            kind: "fire" | "test";
            value: number;
            threshold: number;
            /** Format: date-time */
            firedAt: string;
            /** Format: date-time */
            resolvedAt: string | null;
            /** @description Every attempt, in order */
            deliveries: components["schemas"]["AlertDeliveryResponse"][];
        };
        AlertHistoryResponse: {
            /** @description The latest 50 firings and test-fires, newest first */
            firings: components["schemas"]["AlertFiringResponse"][];
        };
        TestFireResponse: {
            /** @description The test firing: its deliveries appear in the history */
            firingId: number;
        };
        DigestSettingResponse: {
            /** @description Whether the signed-in user gets this site’s weekly digest */
            subscribed: boolean;
            /** @description Whether an SMTP server is configured: without one, digests can’t be turned on */
            available: boolean;
        };
        DigestSettingDto: {
            /** @description true: send me this site’s weekly digest */
            subscribed: boolean;
        };
        StoredBackupDto: {
            /** @example sluice-backup-2026-12-01T03-00-00-000Z.tar.gz */
            name: string;
            bytes: number;
            /** Format: date-time */
            createdAt: string;
            /** @description The archive it builds on; null: a full backup */
            previous: string | null;
            /** @description Every earlier archive a restore needs beside it */
            needs: string[];
            partitionsWritten: number;
            partitionsUnchanged: number;
        };
        BackupProgressDto: {
            /** @enum {string} */
            stage: "metadata" | "hot state" | "secrets" | "clickhouse" | "packing" | "verifying" | "done";
            tablesDone: number;
            tablesTotal: number;
            partitionsDone: number;
            partitionsTotal: number;
            /** @description Partitions unchanged since the archive this one builds on */
            partitionsUnchanged: number;
            rows: number;
            /** @description Compressed bytes of partition files written */
            bytes: number;
            /** @example events 202611 */
            current: string | null;
        };
        BackupJobDto: {
            id: number;
            /** @enum {string} */
            state: "running" | "done" | "failed";
            /**
             * @description Who started it: an owner's email, or `schedule`
             * @example owner@example.com
             */
            startedBy: string;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            progress: components["schemas"]["BackupProgressDto"];
            /** @description The archive written, once done */
            file: string | null;
            /** @description Why it failed */
            error: string | null;
        };
        BackupsDto: {
            /** @description SLUICE_BACKUP_DIR, as the backend sees it */
            folder: string;
            /** @enum {string} */
            schedule: "off" | "hourly" | "daily" | "weekly";
            /** @description Archives the schedule keeps (SLUICE_BACKUP_KEEP) */
            keep: number;
            /** @description SLUICE_BACKUP_PASSPHRASE is set: a backup may be started without one */
            passphraseConfigured: boolean;
            /** @description The command that restores an archive (on a stopped or fresh install) */
            restoreCommand: string;
            /** @description Newest first */
            backups: components["schemas"]["StoredBackupDto"][];
            /** @description The running or last backup job */
            job: components["schemas"]["BackupJobDto"] | null;
        };
        StartBackupDto: {
            /** @description Seals the archive's secrets; a restore needs it. Never stored. Unset: SLUICE_BACKUP_PASSPHRASE (a 400 when that is not set either). */
            passphrase?: string;
        };
        CreateApiKeyDto: {
            /**
             * @description What the key is for, to recognise it in the list
             * @example Grafana dashboard
             */
            name: string;
        };
        CreatedApiKeyResponse: {
            /** @example 4 */
            id: number;
            /**
             * @description The user whose sites the key reads
             * @example 2
             */
            userId: number;
            /** @example Grafana dashboard */
            name: string;
            /**
             * @description The first 12 characters of the key, to tell keys apart
             * @example slk_Zm9vYmFy
             */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description The last request it made (counted against its budget); null: never used
             */
            lastUsedAt: string | null;
            /**
             * @description The key, shown this once (only its hash is stored): send it as "Authorization: Bearer <key>" to the report routes
             * @example slk_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx
             */
            key: string;
        };
        ApiKeyResponse: {
            /** @example 4 */
            id: number;
            /**
             * @description The user whose sites the key reads
             * @example 2
             */
            userId: number;
            /** @example Grafana dashboard */
            name: string;
            /**
             * @description The first 12 characters of the key, to tell keys apart
             * @example slk_Zm9vYmFy
             */
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description The last request it made (counted against its budget); null: never used
             */
            lastUsedAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_providers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_startSingleSignOn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_finishSingleSignOn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponseDto"];
                };
            };
        };
    };
    AuthController_setUpTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpSetupDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_enableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCodeDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCodeDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponseDto"][];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithPasswordDto"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponseDto"];
                };
            };
        };
    };
    UsersController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponseDto"];
                };
            };
        };
    };
    UsersController_resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithPasswordDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The id of the oldest entry already seen: the page before it */
                before?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditRecordDto"][];
                };
            };
        };
    };
    HealthController_alive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SitesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"][];
                };
            };
        };
    };
    SitesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSiteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"];
                };
            };
        };
    };
    SitesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"];
                };
            };
        };
    };
    SitesController_remove: {
        parameters: {
            query: {
                /** @description The site’s domain, repeated: deleting removes all of its data */
                confirm: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SitesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSiteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"];
                };
            };
        };
    };
    SitesController_rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"];
                };
            };
        };
    };
    SitesController_addSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewSigningSecretDto"];
                };
            };
            /** @description The site has 2 secrets already: revoke one first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SitesController_revokeSigningSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                secretId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteResponseDto"];
                };
            };
        };
    };
    SitesController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GoalsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoalResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or goal, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GoalsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGoalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoalResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or goal, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GoalsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                goalId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or goal, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    GoalsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                goalId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateGoalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoalResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or goal, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnnotationsController_list: {
        parameters: {
            query?: {
                /** @description First day (with to) */
                from?: string;
                /** @description Last day, included (with from) */
                to?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnotationResponse"][];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or annotation, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnnotationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAnnotationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnotationResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or annotation, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnnotationsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                annotationId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or annotation, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AnnotationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                annotationId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAnnotationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnotationResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or annotation, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SegmentsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or segment, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SegmentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSegmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or segment, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The site has a segment of that name already (code conflict) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SegmentsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                segmentId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or segment, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SegmentsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                segmentId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSegmentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or segment, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The site has a segment of that name already (code conflict) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FeatureFlagsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeatureFlagResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or flag, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FeatureFlagsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFeatureFlagDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeatureFlagResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or flag, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The site already has a flag with this key, or already has 100 flags */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FeatureFlagsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                flagId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or flag, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FeatureFlagsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                flagId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateFeatureFlagDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeatureFlagResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or flag, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The site already has a flag with this key, or already has 100 flags */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_overview: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Read a sample of the visitors and scale counts up (the answer says sampling.rate): auto samples only a range holding more events than SLUICE_SAMPLING_MIN_ROWS, to about that many; a fraction (0.0001 to 1, at most 4 decimals) samples at that rate, 1 reads everything. Absent: everything, sampling null */
                sample?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverviewReportDto"];
                    "text/csv": components["schemas"]["OverviewReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_conversions: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description Read a sample of the visitors and scale counts up (the answer says sampling.rate): auto samples only a range holding more events than SLUICE_SAMPLING_MIN_ROWS, to about that many; a fraction (0.0001 to 1, at most 4 decimals) samples at that rate, 1 reads everything. Absent: everything, sampling null */
                sample?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GoalConversionsReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_timeseries: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Read a sample of the visitors and scale counts up (the answer says sampling.rate): auto samples only a range holding more events than SLUICE_SAMPLING_MIN_ROWS, to about that many; a fraction (0.0001 to 1, at most 4 decimals) samples at that rate, 1 reads everything. Absent: everything, sampling null */
                sample?: string;
                /** @description minute: at most 2 days; hour: at most 92 */
                interval?: "minute" | "hour" | "day" | "week" | "month";
                /** @description Comma-separated metrics, of visitors, visits, pageviews, events, views_per_visit, bounce_rate, visit_duration (with a goal also conversions, conversion_rate); default visitors */
                metrics?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeseriesReportDto"];
                    "text/csv": components["schemas"]["TimeseriesReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_breakdown: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Read a sample of the visitors and scale counts up (the answer says sampling.rate): auto samples only a range holding more events than SLUICE_SAMPLING_MIN_ROWS, to about that many; a fraction (0.0001 to 1, at most 4 decimals) samples at that rate, 1 reads everything. Absent: everything, sampling null */
                sample?: string;
                /** @description The dimension to break the range down by */
                dimension: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element";
                /** @description Comma-separated metrics, of visitors, visits, pageviews, events, views_per_visit, bounce_rate, visit_duration (with a goal also conversions, conversion_rate); default visitors,visits,pageviews, and with a goal conversions,conversion_rate */
                metrics?: string;
                /** @description <metric or value>:<asc or desc>; default the first metric, descending */
                order?: string;
                limit?: number;
                /** @description The previous page's nextCursor */
                cursor?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakdownReportDto"];
                    "text/csv": components["schemas"]["BreakdownReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_eventsPage: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description A JSON filter tree as the reports take it (see breakdown); entry_page and exit_page describe visits and are refused */
                filters?: string;
                /** @description Only this visit's events: its session_id, as an event of it carries it */
                session?: string;
                /** @description Only this visitor's events: their visitor_id, as an event of theirs carries it */
                visitor?: string;
                /** @description Only this signed-in user's events, on any device: the site's own user_id (setUserId) */
                user?: string;
                /** @description Include rows the edge flagged as bots */
                bots?: boolean;
                limit?: number;
                /** @description The previous page's nextCursor: the events after it, older ones */
                cursor?: string;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsPageDto"];
                    "text/csv": components["schemas"]["EventsPageDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReportsController_eventsProfile: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description Only this visit's events: its session_id, as an event of it carries it */
                session?: string;
                /** @description Only this visitor's events: their visitor_id, as an event of theirs carries it */
                visitor?: string;
                /** @description Only this signed-in user's events, on any device: the site's own user_id (setUserId) */
                user?: string;
                /** @description Include rows the edge flagged as bots */
                bots?: boolean;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsProfileDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FunnelController_funnel: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description A JSON list of 2 to 10 steps, in order, each in the goals' shape: {"kind":"page","match":"/docs/**"} (a pageview whose path matches the wildcard pattern, as the matches filter), {"kind":"event","match":"signup"} (an event of that name), either with "propertyKey" and "propertyValue" (the event carries that property with that value), or {"kind":"action","match":"<16 hex digits>"} (an autocaptured element by its fingerprint, el_fingerprint) */
                steps: string;
                /** @description Seconds from a visitor’s first step within which every later step must come (at most 7 days) */
                window?: number;
                /** @description Break the funnel down by a dimension: a visit dimension’s value of the visit the visitor entered in, an event dimension’s value of the entering (first step’s) event; the top values by entrants */
                dimension?: "page" | "hostname" | "event_name" | "entry_page" | "exit_page" | "referrer" | "referrer_source" | "channel" | "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "country" | "region" | "city" | "browser" | "browser_version" | "os" | "device" | "language" | "prop_key" | "prop_value" | "outbound_link" | "download" | "element";
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FunnelReportDto"];
                    "text/csv": components["schemas"]["FunnelReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FunnelController_visitors: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A JSON list of 2 to 10 steps, in order, each in the goals' shape: {"kind":"page","match":"/docs/**"} (a pageview whose path matches the wildcard pattern, as the matches filter), {"kind":"event","match":"signup"} (an event of that name), either with "propertyKey" and "propertyValue" (the event carries that property with that value), or {"kind":"action","match":"<16 hex digits>"} (an autocaptured element by its fingerprint, el_fingerprint) */
                steps: string;
                /** @description Seconds from a visitor’s first step within which every later step must come (at most 7 days) */
                window?: number;
                /** @description The step, from 1 */
                step: number;
                /** @description reached: every visitor who reached the step; dropped: those who reached it and not the next (not on the last step) */
                outcome: "reached" | "dropped";
                /** @description At most this many visitors, the most recent entrants first */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FunnelVisitorsDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RetentionController_grid: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Cohorts and returns by day (a range of at most 92 days), week (from Monday) or month, in the site’s time zone */
                period?: "day" | "week" | "month";
                /** @description A visitor returns by an event of this name; default any visit */
                returnEvent?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionReportDto"];
                    "text/csv": components["schemas"]["RetentionReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RealtimeController_summary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RealtimeReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RealtimeController_lastEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LastEventDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RealtimeController_stream: {
        parameters: {
            query?: never;
            header?: {
                /** @description Resume after this event (the id of the last event received; browsers send it on reconnect) */
                "Last-Event-ID"?: string;
            };
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `event` messages (JSON: RealtimeEventDto — id, ts in unix seconds, name, page, country, device, browser, source), each with `id:` <ts>-<event id> unless it arrived late; `visitors` messages ({ visitors }) on connect and every 10 s; a heartbeat comment every 15 s */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many live streams open (code busy): retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ErrorsController_groups: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Groups per page */
                limit?: number;
                /** @description The previous page's nextCursor */
                cursor?: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error groups; as CSV, every group without its pages and browsers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorsReportDto"];
                    "text/csv": components["schemas"]["ErrorsReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ErrorsController_group: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                siteId: number;
                /** @description An error group's id, as the errors report gives it */
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One error group; as CSV, its occurrences, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorGroupReportDto"];
                    "text/csv": components["schemas"]["ErrorGroupReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    VitalsController_report: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Also one row per page path or per device type (desktop, mobile, tablet); without: the overall row only */
                dimension?: "page" | "device";
                /** @description Rows at most */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description As CSV: the overall row, or with a dimension its rows, with counts of good, needs improvement and poor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VitalsReportDto"];
                    "text/csv": components["schemas"]["VitalsReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EngagementController_report: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Pages at most */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description As CSV: one line per page, with its readings, time on page (s) and scroll depth (%) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EngagementReportDto"];
                    "text/csv": components["schemas"]["EngagementReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PathsController_neighbours: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description The page whose neighbours to answer: an exact path, or a wildcard pattern as filters take it: * within a path segment, ** across */
                page: string;
                /** @description Next and previous pages to answer, each */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PathsReportDto"];
                    "text/csv": components["schemas"]["PathsReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PathsController_sessions: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description Paths from the first view of this page in a visit on (an exact path, or a wildcard pattern as filters take it: * within a path segment, ** across); exactly one of start and end */
                start?: string;
                /** @description Paths up to the last view of this page in a visit (an exact path, or a wildcard pattern as filters take it: * within a path segment, ** across); exactly one of start and end */
                end?: string;
                /** @description Steps of each path, the entry and exit markers included */
                steps?: number;
                /** @description Paths to answer */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPathsReportDto"];
                    "text/csv": components["schemas"]["SessionPathsReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HeatmapController_heatmap: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description The page: an exact path, or a wildcard pattern as filters take it (* within a segment, ** across) */
                page: string;
                /** @description Clicks of one viewport width: mobile below 768 CSS px, tablet below 1024, desktop from 1024; default every width */
                viewport?: "mobile" | "tablet" | "desktop";
                /** @description Elements to answer */
                limit?: number;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeatmapReportDto"];
                    "text/csv": components["schemas"]["HeatmapReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HeatmapController_framing: {
        parameters: {
            query: {
                /** @description The heatmap’s page: a path (a wildcard pattern names no one page, so it is never framed) */
                page: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageFramingDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ExperimentController_report: {
        parameters: {
            query: {
                /** @description First day, in the site’s time zone */
                from: string;
                /** @description Last day, included; at most 365 days after from */
                to: string;
                /** @description First day of the comparison range (with compareTo) */
                compareFrom?: string;
                /** @description Last day of the comparison range, included */
                compareTo?: string;
                /** @description A JSON list of conditions, all of which must hold: {"dimension","operator","value"} (operators is, is_not, contains, does_not_contain, matches — a wildcard pattern, * within a path segment and ** across), {"dimension","operator":"one_of","values":[…]}, or groups {"and":[…]}, {"or":[…]}, {"not":…}. Or and not may not mix visit dimensions with event dimensions (page, hostname, event_name). */
                filters?: string;
                /** @description A goal of the site (its id): the report also answers conversions, conversion_rate (visitors who converted, as a percent of the row’s visitors), and for an event goal revenue per currency */
                goal?: number;
                /** @description csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ') */
                format?: "json" | "csv";
                /** @description The feature flag whose values are compared */
                flag: string;
            };
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentReportDto"];
                };
            };
            /** @description No valid access token or API key (an API key refused: code api_key_invalid) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An API key past its requests of this minute: Retry-After says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DemoSitesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDemoSiteDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemoSiteStatusDto"];
                };
            };
        };
    };
    DemoSitesController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemoSiteStatusDto"];
                };
            };
        };
    };
    DashboardsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardNameDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DashboardNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_addWidget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWidgetDto"];
            };
        };
        responses: {
            /** @description The dashboard with the new widget */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_removeWidget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DashboardsController_updateWidget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                dashboardId: number;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWidgetDto"];
            };
        };
        responses: {
            /** @description The dashboard as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, dashboard or widget, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedLinksController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedLinkResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, link or dashboard, or a site the caller may not manage */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedLinksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSharedLinkDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedSharedLinkResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, link or dashboard, or a site the caller may not manage */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedLinksController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                linkId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, link or dashboard, or a site the caller may not manage */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_view: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedViewResponse"];
                };
            };
            /** @description The link has a password: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_unlock: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnlockSharedLinkDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedViewTokenResponse"];
                };
            };
            /** @description No password sent */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The password is not right: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_overview: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverviewReportDto"];
                };
            };
            /** @description The link has a password: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_timeseries: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeseriesReportDto"];
                };
            };
            /** @description The link has a password: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_funnel: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FunnelReportDto"];
                };
            };
            /** @description The link has a password: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SharedController_breakdown: {
        parameters: {
            query?: never;
            header?: {
                /** @description The view token of a password-protected link */
                "x-sluice-share-unlock"?: string;
            };
            path: {
                token: string;
                widgetId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BreakdownReportDto"];
                };
            };
            /** @description The link has a password: code share_password_required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such link, or revoked, or expired (the same answer); or no such widget */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The link's requests of this minute are spent: Retry-After says when */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    IngestHealthController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestHealthDto"];
                };
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AiProviderController_view: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderSettingsResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AiProviderController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderSettingsResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AiProviderController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed (or there was none) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AiProviderController_test: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderTestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderTestResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not an owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ActionNamesController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActionNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionNameResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or action, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ActionNamesController_clear: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionNameResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or action, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ActionNamesController_rerun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RerunNamingDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionNameResponse"][];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or action, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    QuestionsController_ask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AskQuestionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionAnswerDto"];
                };
            };
            /** @description question missing, empty or longer than 500 characters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description More than 10 questions this minute: Retry-After says when to ask again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedAlertRuleResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                ruleId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                ruleId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                ruleId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAlertRuleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SavedAlertRuleResponse"];
                };
            };
            /** @description A field breaks its rule: the message begins with the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                ruleId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertHistoryResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AlertsController_testFire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
                ruleId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestFireResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site or rule, or a site the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DigestsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestSettingResponse"];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    DigestsController_set: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                siteId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DigestSettingDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DigestSettingResponse"];
                };
            };
            /** @description subscribed is not a boolean, or no SMTP server is configured */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such site, or one the caller may not read: the same answer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BackupsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupsDto"];
                };
            };
        };
    };
    BackupsController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartBackupDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupJobDto"];
                };
            };
            /** @description A backup is running already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    BackupsController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archive (.tar.gz) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                };
            };
            /** @description No such archive in the backups folder */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyResponse"];
                };
            };
            /** @description name is not 1 to 100 characters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description You hold the most keys a user may (25): revoke one first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such key not yet revoked, or another user’s (to a non-owner) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiKeysController_listOf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponse"][];
                };
            };
            /** @description Not signed in, or an API key (code api_key_not_accepted) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
