-- Web vitals group the finalized events again.
DROP TABLE IF EXISTS {database}.finalized_vitals;
