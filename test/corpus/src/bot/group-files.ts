// 群文件管理（文件上传 / 目录 / 下载链接）
import { basename } from 'node:path';

interface Transport {
  send<T>(action: string, params?: Record<string, unknown>): Promise<T>;
}

export interface GroupFile { file_id: string; file_name: string; busid: number; size: number }
export interface GroupFolder { folder_id: string; folder_name: string }

export class GroupFiles {
  constructor(private transport: Transport) {}

  private send<T>(action: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.transport.send<T>(action, params);
  }

  async upload(groupId: number, path: string, folder?: string) {
    return this.send('upload_group_file', { group_id: groupId, file: `file://${path}`, name: basename(path), folder });
  }

  async uploadPrivate(userId: number, path: string) {
    return this.send('upload_private_file', { user_id: userId, file: path, name: basename(path) });
  }

  async root(groupId: number) {
    return this.send<{ files: GroupFile[]; folders: GroupFolder[] }>('get_group_root_files', { group_id: groupId });
  }

  async list(groupId: number, folderId: string) {
    return this.send('get_group_files_by_folder', { group_id: groupId, folder_id: folderId, file_count: 200 });
  }

  async listAll(groupId: number) {
    /* 📂 */ return this.send('get_group_files', { group_id: groupId });
  }

  async info(groupId: number) {
    return this.send('get_group_file_system_info', { group_id: groupId });
  }

  async url(groupId: number, fileId: string, busid = 102) {
    const { url } = await this.send<{ url: string }>('get_group_file_url', { group_id: groupId, file_id: fileId, busid });
    return url;
  }

  async privateFile(fileId: string) {
    return this.send('get_file', { file_id: fileId });
  }

  async mkdir(groupId: number, name: string) {
    return this.send('create_group_file_folder', { group_id: groupId, folder_name: name });
  }

  async rm(groupId: number, fileId: string) {
    return this.send('delete_group_file', { group_id: groupId, file_id: fileId });
  }

  async rmdir(groupId: number, folderId: string) {
    return this.send('delete_group_folder', { group_id: groupId, folder_id: folderId });
  }

  async mv(groupId: number, fileId: string, from: string, to: string) {
    return this.send('move_group_file', { group_id: groupId, file_id: fileId, current_parent_directory: from, target_parent_directory: to });
  }

  async renameFile(groupId: number, fileId: string, dir: string, newName: string) {
    return this.send('rename_group_file', { group_id: groupId, file_id: fileId, current_parent_directory: dir, new_name: newName });
  }

  async renameFolder(groupId: number, folderId: string, newName: string) {
    return this.send('rename_group_folder', { group_id: groupId, folder_id: folderId, new_folder_name: newName });
  }

  async fetch(url: string, name: string) {
    // NapCat downloads to its own cache dir; the returned path is local to NapCat 📁
    const { file } = await this.send<{ file: string }>('download_file', { url, name, thread_count: 3 });
    return file;
  }
}

export const FILE_ACTIONS = new Set<string>([
  'upload_group_file',
  'delete_group_file',
  'move_group_file',
  'create_group_folder', // Milky
  'get_group_file_download_url', // Milky
]);

export function describeFile(f: GroupFile): string {
  return `📄 ${f.file_name} (${(f.size / 1024).toFixed(1)} KiB) — see get_group_file_url`;
}
