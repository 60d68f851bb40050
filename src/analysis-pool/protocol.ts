// Messages between the analysis pool and its worker threads. Master data goes once per worker at
// start (it is the large part); each request carries a batch of texts with their options, answered
// by one reply in the same order.
import type { AnalyzeOptions } from '../analysis/analyze.js';
import type { AnalysisResult } from '../analysis/result.js';
import type { Product } from '../catalog/product.js';
import type { Customer } from '../customers/customer.js';

export interface WorkerInit {
  readonly catalog: readonly Product[];
  readonly customers: readonly Customer[];
}

export type RequestOptions = Omit<AnalyzeOptions, 'catalog' | 'customers'>;

export interface AnalysisRequest {
  readonly id: number;
  readonly messages: readonly { readonly text: string; readonly options: RequestOptions }[];
}

export type AnalysisReply =
  | { readonly id: number; readonly results: readonly AnalysisResult[] }
  | { readonly id: number; readonly error: string };
