/** What entrypoints/customer-tools.content carries (see ./load.ts). */
import { CustomerSection } from './CustomerSection';
import { WrapUpCard } from './WrapUpCard';

export const customerTools = { CustomerSection, WrapUpCard };
