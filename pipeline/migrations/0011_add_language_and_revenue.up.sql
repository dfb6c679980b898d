-- The visitor's language and revenue (contract v7). language follows city (what the edge derives about
-- the visitor); revenue follows props_values, the properties it is read from. 18.16 can't name a column
-- added in the same ALTER after AFTER, so the two revenue columns both follow props_values, in reverse.
-- revenue_amount is Decimal(18, 4) (Decimal64, on 18.16 and modern servers alike): sums of it are
-- exact Decimal(38, 4), where floats would drift a cent over millions of orders.
ALTER TABLE {database}.events
    ADD COLUMN language String AFTER city,
    ADD COLUMN revenue_currency String AFTER props_values,
    ADD COLUMN revenue_amount Decimal(18, 4) AFTER props_values;
