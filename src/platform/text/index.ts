export { normalize, fold, tokenize, untelex, hasDiacritics, type Token } from './vietnamese.js';
export { STARTER_DICTIONARY, compileDictionary, expand, type DictionaryEntry, type CompiledDictionary } from './dictionary.js';
export { SearchIndex, slips, type FieldSpec, type IndexDocument, type SearchHit, type SearchOptions } from './search-index.js';
export { redactPersonalData, redactForPublication } from './redact.js';
