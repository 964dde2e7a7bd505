/*
 * bcryptprimitives.dll for Wine 8, which lacks it: Go's Windows runtime
 * (Go 1.24 and later) draws its random bytes from ProcessPrng in this DLL
 * and stops at start-up without it. Windows 10 and 11 have the real one;
 * this stand-in is only for `make test-wine` (copied into the Wine prefix,
 * never into a release) and gives the same bytes Windows would: random
 * ones, from RtlGenRandom (advapi32's SystemFunction036). It touches no
 * file API, so it changes nothing of what the tests under Wine prove.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
