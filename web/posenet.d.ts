// Types of web/posenet.js (posenet.cpp's WebAssembly pose detector, shaped like TF.js
// pose-detection).
export declare const SupportedModels: { readonly PoseNet: 'PoseNet' };
export declare const KEYPOINT_NAMES: readonly string[];
export declare const POSE_EDGES: readonly (readonly [number, number])[];

export interface Keypoint {
  id: number;    // 0..16, as KEYPOINT_NAMES
  name: string;  // "nose", "left_eye", ...
  x: number;     // picture pixels
  y: number;
  score: number; // 0..1
}

export interface Pose {
  score: number;
  box: [number, number, number, number];  // x0, y0, x1, y1
  keypoints: Keypoint[];
  id?: number;  // with tracking: the person's id across frames (0, 1, 2, ... never reused)
}

export interface DetectorConfig {
  modelUrl?: string;                         // a .tflite URL
  modelBuffer?: ArrayBuffer | ArrayBufferView;  // or its bytes
  variant?: 'auto' | 'threaded' | 'single';  // auto: threaded where SharedArrayBuffer works
  threads?: number;                          // threaded: 1..4 (default 2); single: 1
  decoder?: 'auto' | 'posenet' | 'coral' | 'tfjs';  // as the tool's --decoder; auto: posenet
  maxPoses?: number;
  scoreThreshold?: number;
  nmsRadius?: number;                        // model-input pixels
  inputSize?: { width: number; height: number };        // network input (default: the model's)
  inputResolution?: { width: number; height: number };  // the same as inputSize (TF.js's name)
  outputStride?: 8 | 16 | 32;                // default: the model's own
  tracking?: boolean;                        // ids across frames (default false)
  smoothing?: boolean;                       // One Euro smoothing of tracked keypoints (default true)
  wasmDir?: string | URL;                    // folder of the .mjs/.wasm files (default ./dist/)
}

export interface EstimationConfig {
  maxPoses?: number;         // this call's decoding (default: createDetector's)
  scoreThreshold?: number;
  nmsRadius?: number;        // model-input pixels
  flipHorizontal?: boolean;  // mirror x (x' = width - 1 - x), e.g. for a selfie camera
}

export type PixelInput =
  | ImageData
  | HTMLVideoElement
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | ImageBitmap
  | { data: Uint8Array | Uint8ClampedArray; width: number; height: number };

export interface PoseDetector {
  readonly variant: 'threaded' | 'single';
  readonly threads: number;
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly lastInferenceMs: number;  // the network run of the last estimatePoses
  // timestamp: the frame's time in ms for tracking (default: now).
  estimatePoses(image: PixelInput, config?: EstimationConfig, timestamp?: number): Promise<Pose[]>;
  dispose(): void;
  reset(): void;  // forgets tracked people: ids start again from 0
}

export declare function threadsAvailable(): boolean;
export declare function createDetector(
  model?: 'PoseNet',
  config?: DetectorConfig,
): Promise<PoseDetector>;
