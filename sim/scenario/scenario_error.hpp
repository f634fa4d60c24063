#pragma once
// Why a scenario could not be loaded: the error every PushLab input gives (see
// sim/json/input_error.hpp), under the name scenario code has always caught.

#include "sim/json/input_error.hpp"

namespace pushlab::sim {

using ScenarioError = json::InputError;
using TextPosition = json::TextPosition;

}  // namespace pushlab::sim
