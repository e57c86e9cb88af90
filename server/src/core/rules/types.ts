import type { Finding } from '../findings';
import type { Site } from '../scan/types';

/** A rule turns one scanned site into the findings it holds (facts only). */
export type SiteRule = (site: Site, text: string, out: Finding[]) => void;
