// The shared jieba segmenter as a Tokenize function (loaded lazily, once per process).
import { getJieba } from '../text/jieba.js';
import type { Tokenize } from './features.js';

export const jiebaTokenize: Tokenize = (text) => getJieba().cut(text, false);
