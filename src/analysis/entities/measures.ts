// Unit tables for the Duckling measurement dimensions.
import { MeasureGrammar } from './measure.js';

export const distanceGrammar = new MeasureGrammar({
  units: [
    { re: '厘米|公分|cm', unit: 'centimetre', factor: 1, ascii: true },
    { re: '毫米|mm', unit: 'millimetre', factor: 1, ascii: true },
    { re: '公里|千米|km', unit: 'kilometre', factor: 1, ascii: true },
    { re: '英里|miles|mile', unit: 'mile', factor: 1, ascii: true },
    { re: '英尺|呎|feets|feet|foots|foot|ft', unit: 'foot', factor: 1, ascii: true },
    { re: '英寸|英吋|吋|inches|inch', unit: 'inch', factor: 1, ascii: true },
    { re: '米|公尺|m', unit: 'metre', factor: 1, ascii: true },
    { re: "'", unit: 'foot', factor: 1 },
    { re: '"', unit: 'inch', factor: 1 },
  ],
  digitAfterUnit: 'decimal',
});

export const volumeGrammar = new MeasureGrammar({
  units: [
    { re: '毫升|ml|cc', unit: 'millilitre', factor: 1, ascii: true },
    { re: '公升|升|l', unit: 'litre', factor: 1, ascii: true },
    { re: '加仑|gallons?', unit: 'gallon', factor: 1, ascii: true },
    { re: '茶匙', unit: 'millilitre', factor: 5 },
    { re: '汤匙', unit: 'millilitre', factor: 15 },
  ],
});

export const gramGrammar = new MeasureGrammar({
  units: [
    { re: '毫克|mg', unit: 'gram', factor: 0.001, ascii: true },
    { re: '公斤|千克|kg', unit: 'gram', factor: 1000, ascii: true },
    { re: '克|g', unit: 'gram', factor: 1, ascii: true },
    { re: '斤', unit: 'gram', factor: 500 },
    { re: '两', unit: 'gram', factor: 50 },
    { re: '吨', unit: 'gram', factor: 1_000_000 },
  ],
  secondary: [{ re: '两', factor: 50, after: '斤' }],
});

export const temperatureGrammar = new MeasureGrammar({
  units: [
    { re: '°C|℃|摄氏°|摄氏度', unit: 'celsius', factor: 1 },
    { re: '°F|℉|华氏°|华氏度', unit: 'fahrenheit', factor: 1 },
    { re: '°|度', unit: 'degree', factor: 1 },
  ],
  prefixUnits: [
    { re: '摄氏', unit: 'celsius', factor: 1 },
    { re: '华氏', unit: 'fahrenheit', factor: 1 },
  ],
});
