%% kernel/include/file.hrl: the records of the file module, as ember's file functions
%% return and take them.

%% What file:read_file_info/1,2 and file:read_link_info/1,2 return, and what
%% file:write_file_info/2,3 takes (its undefined fields are left as they are).
-record(file_info,
        {size :: non_neg_integer() | 'undefined',
         type :: 'device' | 'directory' | 'other' | 'regular' | 'symlink' | 'undefined',
         access :: 'read' | 'write' | 'read_write' | 'none' | 'undefined',
         atime :: file:date_time() | non_neg_integer() | 'undefined',
         mtime :: file:date_time() | non_neg_integer() | 'undefined',
         ctime :: file:date_time() | non_neg_integer() | 'undefined',
         mode :: non_neg_integer() | 'undefined',
         links :: non_neg_integer() | 'undefined',
         major_device :: non_neg_integer() | 'undefined',
         minor_device :: non_neg_integer() | 'undefined',
         inode :: non_neg_integer() | 'undefined',
         uid :: non_neg_integer() | 'undefined',
         gid :: non_neg_integer() | 'undefined'}).

%% A file opened by a module of its own (a raw file in OTP).
-record(file_descriptor,
        {module :: module(),
         data :: term()}).
