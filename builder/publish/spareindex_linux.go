package publish

import (
	"encoding/binary"
	"sync"
	"syscall"
)

// direntBufs are the buffers readDirents lists a folder into.
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// readDirents calls each for every entry of the folder dir but . and ..,
// with its kind and inode as getdents64 gives them: one call for a folder
// of a few entries, and no look at each (a kind the listing does not say
// is looked at). dir is not followed if it is a symbolic link. It gives
// the folder's own stamp, taken on the open folder before the listing: a
// folder changed while it is listed has a later one.
func readDirents(dir string, each func(name string, kind entryKind, ino uint64)) (Stamp, error) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return Stamp{}, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return Stamp{}, err
	}
	stamp := Stamp{Size: int64(st.Size), ModTime: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec), Ino: uint64(st.Ino), Dir: true}
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	buf := *bp
	for {
		n, err := syscall.Getdents(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, err
		}
		if n <= 0 {
			return stamp, nil
		}
		for off := 0; off < n; {
			// struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name
			rec := buf[off:n]
			if len(rec) < 20 {
				return Stamp{}, syscall.EIO
			}
			reclen := int(binary.NativeEndian.Uint16(rec[16:]))
			if reclen < 20 || reclen > len(rec) {
				return Stamp{}, syscall.EIO
			}
			ino, typ, name := binary.NativeEndian.Uint64(rec), rec[18], rec[19:reclen]
			off += reclen
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			if ino == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			var kind entryKind
			switch typ {
			case syscall.DT_REG:
				kind = entryFile
			case syscall.DT_DIR:
				kind = entryDir
			case syscall.DT_UNKNOWN:
				if kind, ino, err = kindOf(dir + "/" + string(name)); err != nil {
					return Stamp{}, err
				}
			}
			each(string(name), kind, ino)
		}
	}
}

// folderID is what tells a folder from another and from itself changed:
// its device and inode, its modification time (an entry made, removed or
// renamed in it) and change time (it renamed, its mode changed).
type folderID struct {
	dev, ino     uint64
	mtime, ctime int64
}

// folderIDOf is the folderID of dir, not followed if a symbolic link;
// false if it is not a folder that can be looked at.
func folderIDOf(dir string) (folderID, bool) {
	var st syscall.Stat_t
	if err := syscall.Lstat(dir, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
		return folderID{}, false
	}
	return folderID{dev: uint64(st.Dev), ino: uint64(st.Ino), mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano()}, true
}
