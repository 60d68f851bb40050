import type { DurationMention, MoneyMention, NumberMention, PercentageMention, QuantityMention } from './types.js';

export function findNumbers(_text: string): NumberMention[] {
  return [];
}
export function findQuantities(_text: string): QuantityMention[] {
  return [];
}
export function findMoney(_text: string): MoneyMention[] {
  return [];
}
export function findPercentages(_text: string): PercentageMention[] {
  return [];
}
export function findDurations(_text: string): DurationMention[] {
  return [];
}
