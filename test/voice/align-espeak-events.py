"""
Exact word starts in connected espeak-ng speech, for the aligner's corpus (test/voice/align-corpus.ts): the espeak-ng
library (libespeak-ng.so.1, the one the espeak-ng binary uses) reports a WORD event with its sample position while it
synthesises; the CLI and the npm wasm build have no way to print them. Usage: voice wpm text out.raw -> JSON on stdout
({rate, words: [{pos, len, sample}]}); out.raw gets the mono 16-bit PCM. Needs python3 and libespeak-ng1 (Debian).
"""
import ctypes
import json
import sys

lib = ctypes.CDLL('libespeak-ng.so.1')


class Event(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('unique_identifier', ctypes.c_uint), ('text_position', ctypes.c_int),
                ('length', ctypes.c_int), ('audio_position', ctypes.c_int), ('sample', ctypes.c_int),
                ('user_data', ctypes.c_void_p), ('id', ctypes.c_void_p)]


CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(Event))
AUDIO_OUTPUT_SYNCHRONOUS = 2
EVENT_LIST_TERMINATED = 0
EVENT_WORD = 1
ESPEAK_RATE = 1
CHARS_UTF8 = 1

voice, wpm, text, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
pcm = bytearray()
words = []


def on_synth(wav, count, events):
    if wav and count > 0:
        pcm.extend(ctypes.string_at(wav, count * 2))
    i = 0
    while events[i].type != EVENT_LIST_TERMINATED:
        if events[i].type == EVENT_WORD:
            words.append({'pos': events[i].text_position, 'len': events[i].length, 'sample': events[i].sample})
        i += 1
    return 0


callback = CALLBACK(on_synth)
lib.espeak_SetSynthCallback(callback)
if lib.espeak_SetVoiceByName(voice.encode()) != 0:
    sys.exit(f'unknown voice {voice}')
lib.espeak_SetParameter(ESPEAK_RATE, wpm, 0)
data = text.encode('utf-8')
lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, CHARS_UTF8, None, None)
lib.espeak_Synchronize()
with open(out, 'wb') as f:
    f.write(pcm)
print(json.dumps({'rate': rate, 'words': words}))
