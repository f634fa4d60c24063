#include "viz/draw/app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <cfloat>
#include <cstdio>
#include <utility>
#include <vector>

#include "viz/draw/main_window.hpp"

namespace pushlab::viz {

namespace {

// Frames drawn before a screenshot is taken: Dear ImGui sizes windows and tables from what the
// previous frame drew, so the first frames are not yet laid out.
constexpr int kFramesBeforeScreenshot = 4;

constexpr float kFontSize = 17.0f;
constexpr float kPresentationFontSize = 30.0f;

void report_glfw_error(int code, const char* description) {
  std::fprintf(stderr, "pushlab: GLFW error %d: %s\n", code, description);
}

// Latin-1 and the few signs beyond it a lesson may write: dashes, quotes, the bullet and the
// ellipsis, arrows, minus, about, not equal, at most, at least. Few on purpose: every glyph is
// rasterized in eight fonts before the first frame.
const ImWchar* glyph_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x00ff, 0x2010, 0x2027, 0x2190, 0x2195, 0x2212, 0x2212,
                                   0x2248, 0x2248, 0x2260, 0x2260, 0x2264, 0x2265, 0};
  return ranges;
}

ImFont* load_font(const std::filesystem::path& file, float size) {
  ImGuiIO& io = ImGui::GetIO();
  return io.Fonts->AddFontFromFileTTF(file.string().c_str(), size, nullptr, glyph_ranges());
}

TextStyles load_styles(const std::filesystem::path& fonts_dir, float size) {
  return {.bold = load_font(fonts_dir / "DejaVuSans-Bold.ttf", size),
          .italic = load_font(fonts_dir / "DejaVuSans-Oblique.ttf", size),
          .mono = load_font(fonts_dir / "DejaVuSansMono.ttf", size)};
}

// Fonts rasterized at the size they are shown, times the screen's scale, so text is crisp on a
// 4K screen and on a projector.
Fonts load_fonts(const std::filesystem::path& fonts_dir, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  const std::filesystem::path regular = fonts_dir / "DejaVuSans.ttf";
  Fonts fonts;
  fonts.regular = load_font(regular, kFontSize * scale);
  fonts.large = load_font(regular, kPresentationFontSize * scale);
  if (!fonts.regular || !fonts.large) {
    std::fprintf(stderr, "pushlab: cannot read %s; using Dear ImGui's built-in font\n",
                 regular.string().c_str());
    io.Fonts->Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    fonts.regular = io.Fonts->AddFontDefault(&config);
    fonts.large = nullptr;
    return fonts;
  }
  fonts.regular_styles = load_styles(fonts_dir, kFontSize * scale);
  fonts.large_styles = load_styles(fonts_dir, kPresentationFontSize * scale);
  return fonts;
}

bool save_screenshot(GLFWwindow* window, const std::filesystem::path& file) {
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // OpenGL's rows run bottom up
  if (stbi_write_png(file.string().c_str(), width, height, 3, pixels.data(), width * 3) == 0) {
    std::fprintf(stderr, "pushlab: cannot write the screenshot %s\n", file.string().c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_app(Document document, ViewState view, const AppOptions& options) {
  glfwSetErrorCallback(report_glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr,
                 "pushlab: no display to open a window on (is DISPLAY set?). Without a screen, "
                 "render a picture under Xvfb: xvfb-run -a pushlab --screenshot out.png\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  const std::string title = "PushLab: " + document.scenario.name;
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.screenshot ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written to the working directory
  float scale_x = 1;
  float scale_y = 1;
  glfwGetWindowContentScale(window, &scale_x, &scale_y);
  const float scale = options.scale.value_or(std::max(1.0f, scale_y));
  Fonts fonts = load_fonts(options.fonts_dir, scale);
  fonts.scale = scale;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  {
    MainWindow main_window(std::move(document), std::move(view), options.scenarios_dir, fonts);
    if (options.lesson) main_window.open_lesson(*options.lesson, options.lesson_step);
    if (options.start_live) main_window.start_live_run();
    double last = glfwGetTime();
    int settled_frames = 0;  // drawn with no live run going: a screenshot waits for a few
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
      // While nothing moves, sleep until the learner does something (or half a second
      // passes), rather than drawing sixty identical frames a second. A live run's progress
      // bar moves ten times a second, leaving the run the processor it measures with.
      const bool live_running = main_window.live_running();
      if (main_window.view().playback.playing() || (options.screenshot && !live_running)) {
        glfwPollEvents();
      } else {
        glfwWaitEventsTimeout(live_running ? 0.1 : 0.5);
      }
      const double now = glfwGetTime();
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      // A screenshot shows the state asked for, not what the pointer happens to hover.
      if (options.screenshot) io.MousePos = {-FLT_MAX, -FLT_MAX};
      ImGui::NewFrame();
      main_window.draw(options.screenshot ? 0.0 : now - last);
      last = now;
      ImGui::Render();
      int width = 0;
      int height = 0;
      glfwGetFramebufferSize(window, &width, &height);
      glViewport(0, 0, width, height);
      glClearColor(0.09f, 0.1f, 0.12f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      if (frame == 0 && options.report_first_frame_since) {
        glFinish();
        const auto elapsed = std::chrono::steady_clock::now() - *options.report_first_frame_since;
        std::fprintf(stderr, "pushlab: first frame drawn %.0f ms after start\n",
                     std::chrono::duration<double, std::milli>(elapsed).count());
      }
      settled_frames = main_window.live_running() ? 0 : settled_frames + 1;
      if (options.screenshot && settled_frames == kFramesBeforeScreenshot) {
        exit_code = save_screenshot(window, *options.screenshot) ? 0 : 1;
        break;
      }
      glfwSwapBuffers(window);
    }
    // A live run still going is waited for as the window closes (it has sockets and threads of
    // its own): out of sight, rather than in a window that no longer answers.
    if (main_window.live_running()) glfwHideWindow(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace pushlab::viz
