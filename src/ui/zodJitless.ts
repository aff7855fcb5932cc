// The page's entry imports this first; the setting itself lives with the schema, which applies
// it before building any parser (see src/schema/zodConfig.ts).
import '../schema/zodConfig';
