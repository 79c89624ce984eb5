// The BarcodeDetector API for browsers without one (Safari on iOS, Firefox): the
// `barcode-detector` ponyfill over ZXing-C++ compiled to WebAssembly. Its WebAssembly file is
// served with the admin (Vite copies it), not fetched from a CDN as the library does by default.
// `zxing-wasm` is pinned to the version `barcode-detector` pins, so the file matches its loader.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) =>
      path.endsWith('.wasm') ? wasmUrl : prefix + path,
  },
});

export { BarcodeDetector as ZXingDetector };
