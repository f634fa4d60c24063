# Two commands for a fresh Debian 12 or Ubuntu machine:
#   make run   install what is missing, build, open PushLab's window on the default scenario
#   make test  install what is missing, build with sanitizers, run every test; compile the
#              Release build (g++, -Werror) as a distribution would
.PHONY: run test deps build release package format clean

run: deps
	cmake --preset default
	cmake --build --preset default --target pushlab pushlab-cli
	./build/default/apps/gui/pushlab

test: deps
	cmake --preset sanitize
	cmake --build --preset sanitize
	cmake --preset release
	cmake --build --preset release --target pushlab pushlab-cli
	ctest --preset sanitize -j2

deps:
	./scripts/install-deps.sh

build: deps
	cmake --preset default
	cmake --build --preset default

release: deps
	cmake --preset release
	cmake --build --preset release

# A .deb for machines that will not build PushLab: build/release/pushlab_<version>_<arch>.deb
package: deps
	cmake --preset release
	cmake --build --preset release
	cd build/release && cpack

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
