# cmake --install: the two programs in bin/, their data in share/pushlab (found from bin/ by
# apps/common/data_dirs.cpp), a desktop entry and its icon. CPack makes a .deb of the same.
install(TARGETS pushlab pushlab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY scenarios/ DESTINATION ${PUSHLAB_INSTALL_DATADIR}/scenarios
        FILES_MATCHING PATTERN "*.json")
install(DIRECTORY lessons/ DESTINATION ${PUSHLAB_INSTALL_DATADIR}/lessons
        FILES_MATCHING PATTERN "*.md")
install(DIRECTORY assets/web/ DESTINATION ${PUSHLAB_INSTALL_DATADIR}/web)
install(DIRECTORY assets/fonts/ DESTINATION ${PUSHLAB_INSTALL_DATADIR}/fonts)
install(FILES assets/desktop/pushlab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES assets/desktop/pushlab.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES README.md docs/SIMULATION.md docs/PERFORMANCE.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pushlab)
set(CPACK_PACKAGE_VENDOR "PushLab")
set(CPACK_PACKAGE_CONTACT "PushLab developers <pushlab@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "short polling, long polling, WebSocket and SSE side by side, frame by frame")
set(CPACK_PACKAGE_DESCRIPTION
    "PushLab shows how a server pushes data to a browser: a discrete-event simulator with "
    "byte-exact wire formats, a window that animates every frame, a live mode on real sockets, "
    "and lessons for a classroom or an interview.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
# The libraries the programs link, as Debian's runtime packages, read off the binaries by
# dpkg-shlibdeps (from dpkg-dev, part of build-essential).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xvfb")
include(CPack)
