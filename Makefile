# Two commands for a fresh Debian 12 or Ubuntu machine:
#   make run   install what is missing, build, start PushLab
#   make test  install what is missing, build with sanitizers, run every test
.PHONY: run test deps build format clean

run: deps
	cmake --preset default
	cmake --build --preset default --target pushlab-cli
	./build/default/apps/cli/pushlab-cli demo

test: deps
	cmake --preset sanitize
	cmake --build --preset sanitize
	ctest --preset sanitize -j2

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset default
	cmake --build --preset default

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
