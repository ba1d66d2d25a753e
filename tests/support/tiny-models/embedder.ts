/**
 * tiny-embedder: a BERT-layout feature-extraction model. The ONNX graph is one
 * embedding lookup (Gather) masked by attention_mask; the table comes from word-hash.ts.
 */
import { embeddingLookupGraph } from './embedding-graph.js';
import { addWordVector } from './word-hash.js';
import type { ModelFiles } from './model-folder.js';

export const EMBEDDER_DIMENSIONS = 32;

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const SUFFIXES = ['##s', '##es', '##ed', '##ing', '##er', '##ly'];
const WORDS = `
a about after again all also am an and any are as ask at back be because been before being
best both but by call can change chat check client code come could customer data date day
days deadline deal decide decided demo deploy design did do doc docs does done down draft
each email end even every feature feedback file find first fix for friday from get give go
going good great had has have he help her here him his how i if in into is issue it its
just keep know last late launch let like list look lunch make manager many may me meet
meeting merge message monday more morning most move much must my need new next no not note
now of off on one only open or other our out over plan please plans point project push put
question ready really release report review right run said same saturday schedule see send
ship she should since so some soon sprint start still sunday sure sync take task tasks team
test tests than thanks that the their them then there these they thing think this those
thursday through time to today tomorrow too tuesday up update us use very want was way we
wednesday week weekend well were what when where which who why will with work would write
yes yesterday you your agreed budget bug bugs coffee office server release notes
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

/** The WordPiece vocabulary: specials first, then words and suffix pieces, deduplicated. */
export function embedderVocab(): string[] {
  return [...new Set<string>([...SPECIALS, ...WORDS, ...SUFFIXES])];
}

function embeddingTable(vocab: string[], dims: number): Float32Array {
  const table = new Float32Array(vocab.length * dims);
  vocab.forEach((token, id) => {
    const row = table.subarray(id * dims, (id + 1) * dims);
    // [CLS]/[SEP] carry a small constant so a text of unknown words still has a direction.
    if (token === '[CLS]' || token === '[SEP]') row[0] = 0.1;
    else if (!token.startsWith('[')) addWordVector(row, token);
  });
  return table;
}

function bertTokenizer(vocab: string[]): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (token: string) => ({ id: token, ids: [id(token)], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}

/** The files of the tiny-embedder folder, keyed by their path in it. */
export function tinyEmbedderFiles(): ModelFiles {
  const vocab = embedderVocab();
  const dims = EMBEDDER_DIMENSIONS;
  return {
    'config.json': {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dims,
      num_hidden_layers: 1,
      num_attention_heads: 1,
      intermediate_size: dims,
      vocab_size: vocab.length,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: 0,
      'transformers.js_config': { dtype: 'fp32' },
    },
    'tokenizer.json': bertTokenizer(vocab),
    'tokenizer_config.json': {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    },
    'onnx/model.onnx': embeddingLookupGraph('tiny-embedder', embeddingTable(vocab, dims), dims, [
      'token_type_ids',
    ]),
  };
}
