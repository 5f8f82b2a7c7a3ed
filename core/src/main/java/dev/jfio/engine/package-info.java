/**
 * Finding I/O engines: {@link java.util.ServiceLoader} on the classpath, every jar in the engine
 * directories ({@code --engine-path}, {@code JFIO_ENGINE_PATH}; {@link dev.jfio.engine.EngineDirectories})
 * and fio's {@code ioengine=external:/path/engine.jar} ({@code EngineJar} loads a
 * jar). {@link dev.jfio.engine.EngineRegistry} holds the engines of a run by name.
 */
package dev.jfio.engine;
