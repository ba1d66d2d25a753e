#!/bin/sh
# Downloads the on-device AI models into $MODELS_DIR in the Transformers.js layout the
# client loads from the relay's /models/<name>/, and writes $MODELS_DIR/models.json.
# Run it on a machine with internet access, then copy $MODELS_DIR to the relay host.
#
#   MODELS_DIR=/srv/models sh scripts/fetch-models.sh
#
# | variable         | default                   | meaning                                |
# | MODELS_DIR       | ./models                  | where the model folders go             |
# | HF_ENDPOINT      | https://huggingface.co    | the hub (or a mirror) to download from |
# | SUMMARIZER_REPO  | Xenova/distilbart-cnn-6-6 | summarization model (BART/T5 layout)   |
# | EMBEDDER_REPO    | Xenova/all-MiniLM-L6-v2   | feature-extraction model (BERT layout) |
# | TRANSCRIBER_REPO | (empty: none)             | speech model (Whisper layout), e.g.    |
# |                  |                           | Xenova/whisper-tiny.en                 |
#
# All are fetched quantized (dtype "q8": onnx/*_quantized.onnx). Files already in
# place are kept, so a rerun resumes an interrupted download. The speech model is
# optional because only meeting transcripts need it.
set -eu

MODELS_DIR=${MODELS_DIR:-./models}
HF_ENDPOINT=${HF_ENDPOINT:-https://huggingface.co}
HF_ENDPOINT=${HF_ENDPOINT%/}
SUMMARIZER_REPO=${SUMMARIZER_REPO:-Xenova/distilbart-cnn-6-6}
EMBEDDER_REPO=${EMBEDDER_REPO:-Xenova/all-MiniLM-L6-v2}
TRANSCRIBER_REPO=${TRANSCRIBER_REPO:-}
DTYPE=q8

fail() {
  echo "fetch-models: $*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is required"

# fetch <repo> <dir> <file>: a trailing '?' marks a file the model may not have.
fetch() {
  repo=$1 dir=$2 file=${3%\?}
  target=$dir/$file
  [ -s "$target" ] && return 0
  mkdir -p "$(dirname "$target")"
  url="$HF_ENDPOINT/$repo/resolve/main/$file"
  echo "fetch-models: $url" >&2
  if curl -fL --retry 3 --silent --show-error -o "$target.part" "$url"; then
    mv "$target.part" "$target"
  else
    status=$?
    rm -f "$target.part"
    if [ "$file" != "$3" ] && [ "$status" -eq 22 ]; then
      echo "fetch-models: $repo has no $file (optional, skipped)" >&2
      return 0
    fi
    fail "could not download $url (curl exit $status)"
  fi
}

# entry <name> <role> <task> <repo> <file>...: downloads, prints the manifest entry.
entry() {
  name=$1 role=$2 task=$3 repo=$4
  shift 4
  dir=$MODELS_DIR/$name
  files_json='' total=0
  for spec in "$@"; do
    fetch "$repo" "$dir" "$spec"
    path=${spec%\?}
    [ -f "$dir/$path" ] || continue
    bytes=$(wc -c <"$dir/$path" | tr -d ' ')
    total=$((total + bytes))
    files_json="$files_json${files_json:+,}
        { \"path\": \"$path\", \"bytes\": $bytes }"
  done
  printf '    {\n      "name": "%s",\n      "role": "%s",\n      "task": "%s",\n' "$name" "$role" "$task"
  printf '      "source": "%s",\n      "dtype": "%s",\n      "bytes": %s,\n' "$HF_ENDPOINT/$repo" "$DTYPE" "$total"
  printf '      "files": [%s\n      ]\n    }' "$files_json"
}

mkdir -p "$MODELS_DIR"
summarizer=$(entry "${SUMMARIZER_REPO##*/}" summarizer summarization "$SUMMARIZER_REPO" \
  config.json 'generation_config.json?' tokenizer.json tokenizer_config.json \
  onnx/encoder_model_quantized.onnx onnx/decoder_model_merged_quantized.onnx)
embedder=$(entry "${EMBEDDER_REPO##*/}" embedder feature-extraction "$EMBEDDER_REPO" \
  config.json tokenizer.json tokenizer_config.json onnx/model_quantized.onnx)

entries="$summarizer,
$embedder"
if [ -n "$TRANSCRIBER_REPO" ]; then
  transcriber=$(entry "${TRANSCRIBER_REPO##*/}" transcriber automatic-speech-recognition "$TRANSCRIBER_REPO" \
    config.json generation_config.json preprocessor_config.json tokenizer.json tokenizer_config.json \
    onnx/encoder_model_quantized.onnx onnx/decoder_model_merged_quantized.onnx)
  entries="$entries,
$transcriber"
fi

printf '{\n  "version": 1,\n  "models": [\n%s\n  ]\n}\n' "$entries" >"$MODELS_DIR/models.json.part"
mv "$MODELS_DIR/models.json.part" "$MODELS_DIR/models.json"
echo "fetch-models: wrote $MODELS_DIR/models.json" >&2
