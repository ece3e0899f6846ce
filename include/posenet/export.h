/* POSENET_API marks the functions and classes the posenet library exports. Everything else is
 * compiled with hidden visibility, so libposenet.so's symbols are exactly the public API. */
#ifndef POSENET_EXPORT_H_
#define POSENET_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define POSENET_API __attribute__((visibility("default")))
#else
#define POSENET_API
#endif

#endif /* POSENET_EXPORT_H_ */
