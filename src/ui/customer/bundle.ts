/** What entrypoints/customer-tools.content carries (see ./load.ts). */
import { CustomerSection } from './CustomerSection';
import { WrapUpCard } from './WrapUpCard';
import css from './customer.css?inline';

export const customerTools = { CustomerSection, WrapUpCard, css };
