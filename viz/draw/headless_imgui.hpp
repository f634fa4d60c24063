#pragma once
// Dear ImGui without a window or a GPU, for tests and benchmarks of the drawing code: a context
// with a display size and a font atlas, frames built and rendered into draw lists that nothing
// displays.

#include <imgui.h>

#include "viz/draw/main_window.hpp"

namespace pushlab::viz {

class HeadlessImGui {
 public:
  explicit HeadlessImGui(ImVec2 display_size) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display_size;
    io.DeltaTime = 1.0f / 60;
    // As the OpenGL 3 backend declares: a draw list may pass 65,536 vertices.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  // Rasterizes the fonts added so far (Dear ImGui's own if none): before the first frame.
  void build_fonts() {
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
};

// Builds and renders one frame of the window; returns the vertices it made.
inline int draw_one_frame(MainWindow& window, double wall_seconds = 0) {
  ImGui::NewFrame();
  window.draw(wall_seconds);
  ImGui::Render();
  return ImGui::GetDrawData()->TotalVtxCount;
}

}  // namespace pushlab::viz
