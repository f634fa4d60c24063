# Two commands for a fresh Debian 12 or Ubuntu machine:
#   make run   install what is missing, build, open PushLab's window on the default scenario
#   make test  install what is missing, build with sanitizers, run every test
.PHONY: run test deps build format clean

run: deps
	cmake --preset default
	cmake --build --preset default --target pushlab pushlab-cli
	./build/default/apps/gui/pushlab

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
