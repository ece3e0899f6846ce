// Options of the custom op PosenetDecoderOp (Coral's in-graph multi-pose decoder), stored as a
// flexbuffer map in Operator.custom_options. The bytes are copied to aligned memory, checked
// with flexbuffers' verifier, then the four keys are read:
//   max_detections (integer, 1..1000), score_threshold (number, 0..1),
//   nms_radius (number, finite, >= 0, in input pixels), stride (integer, 1..256).
// Other keys (Coral writes _output_quantized and friends) are ignored.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "model/load_error.h"
#include "model/model_file.h"

namespace posenet {

// `where` names the op ("op 32 'PosenetDecoderOp'").
Result<PosenetDecoderOptions> ReadDecoderOptions(const LoadErrors& errors,
                                                 std::span<const uint8_t> flexbuffer,
                                                 const std::string& where);

}  // namespace posenet
